import { Form, useNavigation } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { formatDateTime } from "#app/utils/dates.ts";
import {
  MATERIAL_KINDS,
  MATERIAL_KIND_LABELS,
  materialKindLabel,
} from "#app/modules/events/material-schemas.ts";

export type MaterialView = {
  id: number;
  kind: string;
  originalName: string;
  format: string;
  size: number;
  createdAt: string | Date;
};

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

/** The list of an event's materials; `href` gives each download link, `remove` adds a delete. */
export function MaterialList({
  materials,
  href,
  remove = false,
}: {
  materials: MaterialView[];
  href: (id: number) => string;
  remove?: boolean;
}) {
  if (materials.length === 0) return <p>暂无活动资料。</p>;
  return (
    <ul className="divide-y divide-stone-200">
      {materials.map((m) => (
        <li key={m.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
          <a href={href(m.id)} download className="break-all">
            {m.originalName}
          </a>
          <span className="text-sm text-stone-600">
            {materialKindLabel(m.kind)} · {m.format.toUpperCase()} · {sizeText(m.size)} ·{" "}
            {formatDateTime(m.createdAt).slice(0, 16)}
          </span>
          {remove ? (
            <Form method="post" className="ml-auto">
              <input type="hidden" name="materialId" value={m.id} />
              <ConfirmButton
                name="intent"
                value="deleteMaterial"
                label="删除"
                question={`确定删除“${m.originalName}”吗？参加人员将不能再下载。`}
              />
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The organiser's upload form (multipart; works without JavaScript). `count` remounts it when
 * the list changes, so the files just uploaded are not left chosen for a second upload.
 */
export function MaterialUpload({
  limits,
  error,
  count,
}: {
  limits: { maxFileMb: number; maxFiles: number };
  error?: string;
  count: number;
}) {
  const nav = useNavigation();
  const busy = nav.state === "submitting" && nav.formEncType === "multipart/form-data";
  return (
    <Form key={count} method="post" encType="multipart/form-data" className="mt-3 space-y-3">
      <input type="hidden" name="intent" value="upload" />
      <fieldset>
        <legend className="font-medium">资料类别</legend>
        <div className="flex flex-wrap gap-4">
          {MATERIAL_KINDS.map((k, i) => (
            <label key={k} className="flex items-center gap-1">
              <input
                type="radio"
                name="kind"
                value={k}
                defaultChecked={i === 0}
                className="size-4"
              />
              {MATERIAL_KIND_LABELS[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor="material-files" className="block font-medium">
          资料文件
        </label>
        <input
          id="material-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          className="mt-1 block w-full"
          aria-invalid={error ? true : undefined}
          aria-describedby={
            error ? "material-files-error material-files-hint" : "material-files-hint"
          }
        />
        <p id="material-files-hint" className="mt-1 text-sm text-stone-600">
          PDF 或 DOCX，每个不超过 {limits.maxFileMb} MB，一次最多 {limits.maxFiles} 个。
        </p>
        {error ? (
          <p id="material-files-error" className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "正在上传…" : "上传资料"}
      </Button>
    </Form>
  );
}
