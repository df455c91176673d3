import { z } from "zod";
import type { Answers } from "./grading.ts";

const Values = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * The answer form's schema: `intent` (save or submit) and q<questionId> fields. Any other field
 * (a posted score, passed, userId …) makes the whole form invalid.
 */
export const AnswersFormSchema = z.record(z.string(), Values).transform((raw, ctx) => {
  const answers: Answers = {};
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  for (const [key, values] of Object.entries(raw)) {
    if (key === "intent") continue;
    const m = /^q(\d{1,9})$/.exec(key);
    if (!m) return fail("表单包含不允许提交的字段");
    if (values.length > 6 || values.some((v) => v.length > 4)) return fail("提交的答案无效");
    answers[m[1]!] = values;
  }
  const intent = Object.hasOwn(raw, "intent") ? raw.intent![0] : "";
  if (intent !== "save" && intent !== "submit") return fail("未知的操作");
  return { intent, answers };
});

/** Reads the answer form through AnswersFormSchema (own keys; a repeated field is a list). */
export function answersFromForm(
  form: FormData,
): { ok: true; intent: string; answers: Answers } | { ok: false; message: string } {
  // Checked on the form's own keys first: a record schema drops "__proto__" silently.
  for (const key of form.keys())
    if (key !== "intent" && !/^q\d{1,9}$/.test(key))
      return { ok: false, message: "表单包含不允许提交的字段" };
  const raw = Object.fromEntries(
    [...new Set(form.keys())].map((k) => [
      k,
      form.getAll(k).map((v) => (typeof v === "string" ? v : "")),
    ]),
  );
  const parsed = AnswersFormSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, ...parsed.data }
    : { ok: false, message: parsed.error.issues[0]?.message ?? "提交的答案无效" };
}
