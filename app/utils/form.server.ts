import { json } from "@remix-run/node";
import { z } from "zod";
import { schemaForIntent } from "./input.ts";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; formError: string | null; fieldErrors: FieldErrors };

type Entries = FormData | URLSearchParams;

/**
 * The submitted fields as own properties (Object.fromEntries, so a field named `__proto__`
 * is a field, not a prototype); a repeated field becomes an array, which a string field refuses.
 */
function toObject(form: Entries): Record<string, string | string[]> {
  return Object.fromEntries(
    [...new Set(form.keys())].map((key) => {
      const values = form.getAll(key).map((v) => (typeof v === "string" ? v : ""));
      return [key, values.length === 1 ? values[0]! : values];
    }),
  );
}

/**
 * Why the raw values cannot be read as text, or null. A NUL never belongs in our data, and
 * U+FFFD is what the body and URL decoders leave in place of invalid UTF-8: refused here, at
 * the one place every form and query passes, instead of being stored as "\ufffd".
 */
function unreadable(raw: Record<string, string | string[]>): string | null {
  for (const [key, value] of Object.entries(raw)) {
    for (const v of [key, ...(Array.isArray(value) ? value : [value])]) {
      if (v.includes("\u0000")) return "提交的内容包含非法字符";
      if (v.includes("\ufffd")) return "提交的内容不是有效的 UTF-8 文本";
    }
  }
  return null;
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
  const problem = unreadable(raw);
  if (problem) return failure(problem);
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

/**
 * A form with several actions: the schema is chosen by the submitted `intent` among the
 * map's own keys (schemaForIntent), so an unknown or prototype intent is a 400.
 */
export function parseIntentForm<M extends Record<string, z.ZodType>>(
  form: FormData | null,
  schemas: M,
):
  | { ok: true; intent: keyof M & string; data: z.output<M[keyof M]> }
  | (FormFailure & { intent: string }) {
  const intent = form ? toObject(form).intent : undefined;
  const schema = form ? schemaForIntent(schemas, intent) : null;
  if (!form || !schema) return { ...failure("未知的操作"), intent: "" };
  const parsed = parseFormData(form, schema);
  return parsed.ok
    ? { ok: true, intent: intent as keyof M & string, data: parsed.data as z.output<M[keyof M]> }
    : { ...parsed, intent: intent as string };
}

/**
 * The query string through its schema, like a form: own keys, repeated keys as arrays,
 * NUL and invalid UTF-8 refused. Returns zod's safeParse result.
 */
export function parseQuery<S extends z.ZodType>(
  request: Request,
  schema: S,
): z.ZodSafeParseResult<z.output<S>> {
  const raw = toObject(new URL(request.url).searchParams);
  const problem = unreadable(raw);
  if (problem) return z.custom<z.output<S>>(() => false, { error: problem }).safeParse(raw);
  return schema.safeParse(raw) as z.ZodSafeParseResult<z.output<S>>;
}

/** The 400 answer for a failed form. */
export function badRequest(result: FormFailure | { formError: string; fieldErrors?: FieldErrors }) {
  return json(
    { ok: false as const, formError: result.formError, fieldErrors: result.fieldErrors ?? {} },
    { status: 400 },
  );
}
