import { Form, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";
import { BookingSchema } from "#app/modules/booking/schemas.ts";
import { MODE_LABELS } from "#app/modules/booking/state.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

type Server = { formError?: string | null; fieldErrors?: Record<string, string> } | undefined;
type Props = {
  type: string;
  expertId: number;
  slot: number;
  contact: { name: string; mobile: string };
  limits: { maxFileMb: number; maxFiles: number };
  server: Server;
};

const areaClass = "mt-1 block w-full rounded border border-stone-400 px-3 py-2";

/** Step 4: details and files, checked in the browser with the action's own schema; the files are checked again by content on the server. */
export function DetailsForm({ type, expertId, slot, contact, limits, server }: Props) {
  const form = useValidatedForm(BookingSchema, server, {
    type: type as "CONSULTATION",
    expertId,
    slot,
    contactName: contact.name,
    contactMobile: contact.mobile,
  });
  const [fileError, setFileError] = useState<string | null>(null);
  const busy = useNavigation().state !== "idle";
  const filesError = fileError ?? server?.fieldErrors?.files;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const input = event.currentTarget.elements.namedItem("files") as HTMLInputElement | null;
    const files = [...(input?.files ?? [])];
    const problem =
      type === "CONTRACT_REVIEW" && files.length === 0
        ? "合同审查需上传合同文件"
        : files.length > limits.maxFiles
          ? `最多上传 ${limits.maxFiles} 个文件`
          : files.find((f) => !/\.(pdf|docx)$/i.test(f.name))
            ? "只能上传 PDF 或 DOCX 文件"
            : files.find((f) => f.size > limits.maxFileMb * 1024 * 1024)
              ? `每个文件不能超过 ${limits.maxFileMb} MB`
              : null;
    setFileError(problem);
    if (problem) {
      // Validate the fields as a submit would (errors then update while typing), but do not send.
      event.preventDefault();
      void form.handleSubmit(() => undefined)(event);
      return;
    }
    form.onSubmit(event);
  };
  const textArea = (name: "description" | "trainingTopics", label: string, hint?: string) => {
    const error = form.fieldError(name);
    return (
      <div className="mb-4">
        <label htmlFor={`f-${name}`} className="block font-medium">
          {label}
        </label>
        <textarea
          id={`f-${name}`}
          rows={5}
          className={areaClass}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `f-${name}-error` : hint ? `f-${name}-hint` : undefined}
          {...form.register(name)}
        />
        {hint ? (
          <p id={`f-${name}-hint`} className="mt-1 text-sm text-stone-600">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`f-${name}-error`} className="mt-1 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      noValidate
      onSubmit={onSubmit}
      className="max-w-2xl"
    >
      <FormError message={server?.formError} />
      <input type="hidden" {...form.register("type")} />
      <input type="hidden" {...form.register("expertId")} />
      <input type="hidden" {...form.register("slot")} />
      <Field label="主题" error={form.fieldError("topic")} {...form.register("topic")} />
      {textArea("description", "情况说明", "请简要说明背景和希望专家解决的问题。")}
      {type === "CONSULTATION" ? (
        <SelectField label="咨询方式" error={form.fieldError("mode")} {...form.register("mode")}>
          <option value="">请选择</option>
          {["ONLINE", "PHONE", "IN_PERSON"].map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </SelectField>
      ) : null}
      {type === "TRAINING" ? (
        <>
          <Field
            label="参训人数"
            type="number"
            inputMode="numeric"
            min={1}
            error={form.fieldError("audienceSize")}
            {...form.register("audienceSize")}
          />
          {textArea("trainingTopics", "培训内容", "例如：合同管理、劳动用工、数据合规。")}
        </>
      ) : null}
      <Field
        label="联系人"
        autoComplete="name"
        error={form.fieldError("contactName")}
        {...form.register("contactName")}
      />
      <Field
        label="联系电话"
        type="tel"
        inputMode="numeric"
        error={form.fieldError("contactMobile")}
        {...form.register("contactMobile")}
      />
      <div className="mb-4">
        <label htmlFor="f-files" className="block font-medium">
          {type === "CONTRACT_REVIEW" ? "合同文件（必填）" : "附件（可选）"}
        </label>
        <input
          id="f-files"
          name="files"
          type="file"
          multiple
          accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          className="mt-1 block w-full"
          aria-invalid={filesError ? true : undefined}
          aria-describedby={filesError ? "f-files-error f-files-hint" : "f-files-hint"}
        />
        <p id="f-files-hint" className="mt-1 text-sm text-stone-600">
          PDF 或 DOCX，每个不超过 {limits.maxFileMb} MB，最多 {limits.maxFiles}{" "}
          个；不接受含宏的文档。
        </p>
        {filesError ? (
          <p id="f-files-error" role="alert" className="mt-1 text-sm text-red-700">
            {filesError}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "正在提交…" : "确认预约"}
      </Button>
    </Form>
  );
}
