import type { Answers } from "./grading.ts";

/**
 * Reads q<questionId> fields into answers. Any other field besides `intent`
 * (a posted score, passed, userId …) makes the whole form invalid.
 */
export function answersFromForm(
  form: FormData,
): { ok: true; intent: string; answers: Answers } | { ok: false; message: string } {
  const answers: Answers = {};
  let intent = "";
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    if (key === "intent") {
      intent = values[0] ?? "";
      continue;
    }
    const m = /^q(\d{1,9})$/.exec(key);
    if (!m) return { ok: false, message: "表单包含不允许提交的字段" };
    if (values.length > 6 || values.some((v) => v.length > 4))
      return { ok: false, message: "提交的答案无效" };
    answers[m[1]!] = values;
  }
  if (intent !== "save" && intent !== "submit") return { ok: false, message: "未知的操作" };
  return { ok: true, intent, answers };
}
