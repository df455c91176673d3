import { Form, useNavigation } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";

type Server =
  | {
      formError?: string | null;
      fieldErrors?: Record<string, string>;
      values?: Record<string, string>;
    }
  | undefined;
type Expert = { id: number; name: string; title: string; specialties: string[] };

const areaClass = "mt-1 block w-full rounded border px-3 py-2";

/** The 合同审查 request: expert, contract name, purpose, 期望完成日期, contact, files. */
export function ReviewForm({
  experts,
  expertId,
  contact,
  limits,
  dates,
  server,
}: {
  experts: Expert[];
  expertId: number | null;
  contact: { name: string; mobile: string };
  limits: { maxFileMb: number; maxFiles: number };
  dates: { min: string; max: string };
  server: Server;
}) {
  const busy = useNavigation().state !== "idle";
  const e = server?.fieldErrors ?? {};
  const v = server?.values ?? {};
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="max-w-2xl">
      <FormError message={server?.formError} />
      <SelectField
        label="审查专家"
        name="expertId"
        defaultValue={v.expertId ?? (expertId ? String(expertId) : "")}
        error={e.expertId}
        hint={
          <>
            可先查看<a href="/consult/experts">专家简介</a>再选择。
          </>
        }
      >
        <option value="">请选择</option>
        {experts.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}（{x.title}；{x.specialties.join("、")}）
          </option>
        ))}
      </SelectField>
      <Field label="合同名称" name="topic" maxLength={100} defaultValue={v.topic} error={e.topic} />
      <div className="mb-4">
        <label htmlFor="f-description" className="block font-medium">
          审查目的
        </label>
        <textarea
          id="f-description"
          name="description"
          rows={4}
          maxLength={2000}
          defaultValue={v.description}
          className={`${areaClass} ${e.description ? "border-red-700" : "border-stone-400"}`}
          aria-invalid={e.description ? true : undefined}
          aria-describedby={
            e.description ? "f-description-error f-description-hint" : "f-description-hint"
          }
        />
        <p id="f-description-hint" className="mt-1 text-sm text-stone-600">
          例如：签约前审查付款与违约条款、核对数据处理条款是否合规。
        </p>
        {e.description ? (
          <p id="f-description-error" className="mt-1 text-sm text-red-700">
            {e.description}
          </p>
        ) : null}
      </div>
      <Field
        label="期望完成日期"
        name="wishDate"
        type="date"
        min={dates.min}
        max={dates.max}
        defaultValue={v.wishDate}
        error={e.wishDate}
        hint="专家受理时会给出承诺完成日期。"
      />
      <Field
        label="联系人"
        name="contactName"
        defaultValue={v.contactName ?? contact.name}
        error={e.contactName}
      />
      <Field
        label="联系电话"
        name="contactMobile"
        inputMode="numeric"
        defaultValue={v.contactMobile ?? contact.mobile}
        error={e.contactMobile}
      />
      <div className="mb-4">
        <label htmlFor="f-files" className="block font-medium">
          合同文件
        </label>
        <input
          id="f-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          className="mt-1 block w-full"
          aria-invalid={e.files ? true : undefined}
          aria-describedby={e.files ? "f-files-error f-files-hint" : "f-files-hint"}
        />
        <p id="f-files-hint" className="mt-1 text-sm text-stone-600">
          PDF 或 DOCX，每个不超过 {limits.maxFileMb} MB，最多 {limits.maxFiles}{" "}
          个；至少上传一份合同。
        </p>
        {e.files ? (
          <p id="f-files-error" role="alert" className="mt-1 text-sm text-red-700">
            {e.files}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "正在提交…" : "提交审查申请"}
      </Button>
    </Form>
  );
}
