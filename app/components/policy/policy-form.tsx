import { Form, useNavigation } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";
import { AUDIENCE_LABELS, INDUSTRIES } from "#app/modules/policy/schemas.ts";

export type PolicyFormValues = {
  title: string;
  instrument: "law" | "doc";
  lawId: string;
  articles: string;
  docTitle: string;
  docNumber: string;
  docDate: string;
  body: string;
  keyPoints: string;
  faq: string;
  forStaff: boolean;
  forEnterprise: boolean;
  isPublic: boolean;
  industries: string[];
};

export const EMPTY_POLICY: PolicyFormValues = {
  title: "",
  instrument: "law",
  lawId: "",
  articles: "",
  docTitle: "",
  docNumber: "",
  docDate: "",
  body: "",
  keyPoints: "",
  faq: "",
  forStaff: true,
  forEnterprise: false,
  isPublic: false,
  industries: [],
};

type Errors = Record<string, string | undefined>;

function TextArea({
  name,
  label,
  hint,
  rows,
  value,
  error,
}: {
  name: string;
  label: string;
  hint?: string;
  rows: number;
  value: string;
  error?: string;
}) {
  return (
    <div className="mb-4">
      <label htmlFor={`pf-${name}`} className="block font-medium">
        {label}
      </label>
      <textarea
        id={`pf-${name}`}
        name={name}
        rows={rows}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `pf-${name}-hint` : "", error ? `pf-${name}-error` : ""]
            .filter(Boolean)
            .join(" ") || undefined
        }
        className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
      />
      {hint ? (
        <p id={`pf-${name}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`pf-${name}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The draft form (new and edit); validated on the server (PolicyEditSchema). */
export function PolicyForm({
  values,
  laws,
  errors,
  formError,
  submitLabel,
}: {
  values: PolicyFormValues;
  laws: { id: string; title: string }[];
  errors: Errors;
  formError?: string | null;
  submitLabel: string;
}) {
  // One submission at a time (a double click saves one draft).
  const busy = useNavigation().state !== "idle";
  return (
    <Form method="post" className="space-y-2 rounded-lg border border-stone-300 bg-white p-4">
      <FormError message={formError} />
      <input type="hidden" name="intent" value="save" />
      <Field
        label="标题"
        name="title"
        defaultValue={values.title}
        maxLength={100}
        error={errors.title}
      />
      <fieldset className="mb-4 space-y-2">
        <legend className="font-medium">解读对象</legend>
        <label className="mr-4 inline-flex items-center gap-2">
          <input
            type="radio"
            name="instrument"
            value="law"
            defaultChecked={values.instrument === "law"}
          />
          法律法规库中的法律法规
        </label>
        <label className="inline-flex items-center gap-2">
          <input
            type="radio"
            name="instrument"
            value="doc"
            defaultChecked={values.instrument === "doc"}
          />
          其他政策文件（写明名称、文号和日期，不引用原文）
        </label>
        {errors.instrument ? <p className="text-sm text-red-700">{errors.instrument}</p> : null}
        <SelectField label="法律法规" name="lawId" defaultValue={values.lawId} error={errors.lawId}>
          <option value="">请选择</option>
          {laws.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title}
            </option>
          ))}
        </SelectField>
        <Field
          label="条文（条号）"
          name="articles"
          defaultValue={values.articles}
          maxLength={60}
          hint="如 21 或 21,22 或 21-23；留空表示整部法律法规"
          error={errors.articles}
        />
        <Field
          label="文件名称"
          name="docTitle"
          defaultValue={values.docTitle}
          maxLength={100}
          error={errors.docTitle}
        />
        <Field
          label="文号"
          name="docNumber"
          defaultValue={values.docNumber}
          maxLength={50}
          hint="如 国办发〔2024〕1号"
          error={errors.docNumber}
        />
        <Field
          label="发文日期"
          name="docDate"
          type="date"
          defaultValue={values.docDate}
          error={errors.docDate}
        />
      </fieldset>
      <TextArea
        name="body"
        label="正文"
        rows={12}
        value={values.body}
        hint='Markdown；引用法条请写 ::cite{law="data-security-law" article="21"}，条文从法律法规库取出'
        error={errors.body}
      />
      <TextArea
        name="keyPoints"
        label="要点"
        rows={4}
        value={values.keyPoints}
        hint="每行一条，最多 10 条"
        error={errors.keyPoints}
      />
      <TextArea
        name="faq"
        label="常见问题"
        rows={6}
        value={values.faq}
        hint="每条问答：第一行写问题，下一行起写回答；条目之间空一行"
        error={errors.faq}
      />
      <fieldset className="mb-4" aria-describedby={errors.forStaff ? "pf-aud-error" : undefined}>
        <legend className="font-medium">读者对象</legend>
        {(Object.keys(AUDIENCE_LABELS) as (keyof typeof AUDIENCE_LABELS)[]).map((k) => (
          <label key={k} className="mr-4 inline-flex items-center gap-2">
            <input type="checkbox" name={k} defaultChecked={values[k]} />
            {AUDIENCE_LABELS[k]}
          </label>
        ))}
        {errors.forStaff ? (
          <p id="pf-aud-error" className="text-sm text-red-700">
            {errors.forStaff}
          </p>
        ) : null}
      </fieldset>
      <fieldset className="mb-4" aria-describedby={errors.industries ? "pf-ind-error" : undefined}>
        <legend className="font-medium">适用行业</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {INDUSTRIES.map((i) => (
            <label key={i} className="inline-flex items-center gap-2">
              <input
                type="checkbox"
                name="industries"
                value={i}
                defaultChecked={values.industries.includes(i)}
              />
              {i}
            </label>
          ))}
        </div>
        {errors.industries ? (
          <p id="pf-ind-error" className="text-sm text-red-700">
            {errors.industries}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={busy}>
        {busy ? "正在保存…" : submitLabel}
      </Button>
    </Form>
  );
}
