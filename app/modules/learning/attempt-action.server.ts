import { json, redirect } from "@remix-run/node";
import { readForm } from "#app/utils/form.server.ts";
import { answersFromForm } from "./answers.ts";
import type { AttemptError } from "./attempt.server.ts";
import type { Answers } from "./grading.ts";

type Outcome = { ok: true } | AttemptError;

const fail = (message: string, status: number) =>
  json({ ok: false as const, formError: message }, { status });

/**
 * The action of every attempt page (quiz, exam, mock exam): intent=save keeps the answers as the
 * learner goes, intent=submit grades once and shows the review at `reviewUrl`.
 */
export async function attemptAction(
  request: Request,
  handlers: {
    save(answers: Answers, now: Date): Promise<Outcome>;
    submit(answers: Answers, now: Date): Promise<Outcome>;
    reviewUrl: string;
  },
) {
  const form = await readForm(request);
  const parsed = form
    ? answersFromForm(form)
    : ({ ok: false, message: "无法读取提交的表单" } as const);
  if (!parsed.ok) return fail(parsed.message, 400);
  const now = new Date();
  if (parsed.intent === "save") {
    const saved = await handlers.save(parsed.answers, now);
    return saved.ok ? json({ ok: true as const, saved: true }) : fail(saved.message, saved.status);
  }
  const result = await handlers.submit(parsed.answers, now);
  if (!result.ok) return fail(result.message, result.status);
  return redirect(handlers.reviewUrl);
}

/** Whole seconds until the deadline, never negative: the browser's countdown starts from it. */
export const secondsUntil = (deadline: Date, now: Date) =>
  Math.max(0, Math.round((deadline.getTime() - now.getTime()) / 1000));
