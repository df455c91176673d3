import { json } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; formError: string | null; fieldErrors: FieldErrors };

function toObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).map((v) => (typeof v === "string" ? v : ""));
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function failure(formError: string | null, fieldErrors: FieldErrors = {}): FormFailure {
  return { ok: false, formError, fieldErrors };
}

/**
 * Reads a form and validates it with the form's zod schema (which is `.strict()`,
 * so fields such as role or orgUnitId are refused). Messages are ours; submitted
 * values are never echoed back.
 */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | FormFailure> {
  const form = await readForm(request);
  return form ? parseFormData(form, schema) : failure("无法读取提交的表单");
}

/** The request's form data, or null when the body is not a readable form. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

export function parseFormData<S extends z.ZodType>(
  form: FormData,
  schema: S,
): { ok: true; data: z.output<S> } | FormFailure {
  const raw = toObject(form);
  for (const value of Object.values(raw)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((v) => v.includes("\u0000"))) return failure("提交的内容包含非法字符");
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      formError = "表单包含不允许提交的字段";
      continue;
    }
    const key = issue.path.join(".");
    if (!key) formError ??= issue.message;
    else fieldErrors[key] ??= issue.message;
  }
  if (!formError && Object.keys(fieldErrors).length === 0) formError = "提交的内容无效";
  return failure(formError, fieldErrors);
}

/** The 400 answer for a failed form. */
export function badRequest(result: FormFailure | { formError: string; fieldErrors?: FieldErrors }) {
  return json(
    { ok: false as const, formError: result.formError, fieldErrors: result.fieldErrors ?? {} },
    { status: 400 },
  );
}
