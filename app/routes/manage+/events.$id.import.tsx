import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ImportPreviewView } from "#app/components/events/import-preview.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import {
  importAttendance,
  previewAttendanceSheet,
} from "#app/modules/events/attendance-import.server.ts";
import {
  ImportConfirmSchema,
  ImportPreviewSchema,
  MAX_SHEET_BYTES,
  MAX_SHEET_ROWS,
} from "#app/modules/events/material-schemas.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";
import { requireManagedEvent } from "#app/modules/events/managed.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseFormData, parseIntentForm, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

// The attendance-sheet import (issue 20): upload → preview (nothing written) → confirm. The
// confirmation form carries the matched people; the server checks each again. No JavaScript
// needed: both steps are plain form posts answered by this page.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `导入签到表：${data?.title ?? "活动"} - 法治学堂` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(request, params);
  return json({
    id: event.id,
    title: event.title,
    kindLabel: kindLabel(event.kind),
    startsAt: event.startsAt,
    creditHours: event.creditHours,
  });
}

const fail = (status: number, message: string) =>
  json({ kind: "error" as const, message }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireManagedEvent(request, params);
  if (isMultipart(request)) {
    const limits = { maxFileMb: MAX_SHEET_BYTES / 1024 / 1024, maxFiles: 1 };
    const upload = await readUploadForm(request, limits, MAX_SHEET_BYTES + 64 * 1024);
    if (!upload.ok) return fail(upload.status, upload.message);
    const parsed = parseFormData(upload.form, ImportPreviewSchema);
    if (!parsed.ok) return badRequest(parsed);
    const file = upload.files[0];
    if (!file) return fail(400, "请选择签到表文件（CSV 或 XLSX）");
    const preview = await previewAttendanceSheet(event, file.bytes);
    if (!preview.ok) return fail(preview.status, preview.message);
    return json({ kind: "preview" as const, preview });
  }
  const parsed = parseIntentForm(await readForm(request), { confirm: ImportConfirmSchema });
  if (!parsed.ok) return badRequest(parsed);
  const r = await importAttendance(
    user,
    event,
    parsed.data.userIds,
    parsed.data.sha256,
    clientIp(request),
  );
  if (!r.ok) return fail(r.status, r.message);
  const notes = [
    r.already ? `${r.already} 人此前已签到` : "",
    r.refused ? `${r.refused} 人不符合条件未导入` : "",
  ].filter(Boolean);
  return json({
    kind: "done" as const,
    message: `已导入签到 ${r.added} 人${notes.length ? `（${notes.join("，")}）` : ""}，学时已计入其本年度学时。`,
  });
}

export default function ImportSheet() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  const error = a && "kind" in a && a.kind === "error" ? a.message : null;
  const formError = a && !("kind" in a) ? a.formError : null;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/manage/events/${d.id}`}>← 返回活动管理</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">导入签到表</h1>
      <p className="break-words text-stone-700">
        {d.kindLabel}：{d.title} · {formatDateTime(d.startsAt).slice(0, 16)} · {d.creditHours} 学时
      </p>
      <div aria-live="polite">
        {a && "kind" in a && a.kind === "done" ? <Notice>{a.message}</Notice> : null}
        <FormError message={error ?? formError} />
      </div>
      <section aria-labelledby="upload" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="upload" className="text-lg font-semibold">
          上传签到表
        </h2>
        <p className="text-sm text-stone-700">
          签到表须有“工号”列，可选“姓名”列（填写时与系统核对）。先预览，确认后才记为签到；同一份签到表导入两次不会重复计算学时。
          <a href="/manage/events/import-template" download className="ml-1">
            下载签到表模板
          </a>
        </p>
        <Form method="post" encType="multipart/form-data" className="mt-3">
          <input type="hidden" name="intent" value="preview" />
          <label htmlFor="sheet-file" className="block font-medium">
            签到表文件
          </label>
          <input
            id="sheet-file"
            name="files"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="mt-1 block w-full"
            aria-describedby="sheet-file-hint"
            aria-invalid={error ? true : undefined}
          />
          <p id="sheet-file-hint" className="mt-1 text-sm text-stone-600">
            CSV（UTF-8 或 GBK 编码）或 Excel .xlsx（读取第一个工作表），不超过{" "}
            {MAX_SHEET_BYTES / 1024 / 1024} MB、{MAX_SHEET_ROWS} 行。
          </p>
          <Button type="submit" className="mt-3" disabled={busy}>
            {busy && nav.formEncType === "multipart/form-data" ? "正在读取…" : "上传并预览"}
          </Button>
        </Form>
      </section>
      {a && "kind" in a && a.kind === "preview" ? (
        <ImportPreviewView preview={a.preview} busy={busy} />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
