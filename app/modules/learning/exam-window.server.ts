import { compiled } from "#app/data/compiled.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";

// The exam's open window (issue 16): two Beijing calendar days set in 系统设置 → 年度学法考试设置,
// both inclusive. An empty value means no bound on that side. Stored as "YYYY-MM-DD" settings.

export const WINDOW_KEYS = ["examOpensOn", "examClosesOn"] as const;
export type ExamWindow = { examOpensOn: string; examClosesOn: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const SETTINGS = compiled((q, ...keys: string[]) =>
  q.selectFrom("Setting").select(["key", "value"]).where("key", "in", keys),
);

export async function examWindow(): Promise<ExamWindow> {
  const rows = await SETTINGS.read(...WINDOW_KEYS);
  const out: ExamWindow = { examOpensOn: "", examClosesOn: "" };
  for (const r of rows)
    if ((r.key === "examOpensOn" || r.key === "examClosesOn") && DAY.test(r.value))
      out[r.key] = r.value;
  return out;
}

/** "before", "open" or "after" for this instant; the close day counts until 24:00 Beijing time. */
export function windowState(w: ExamWindow, now: Date): "before" | "open" | "after" {
  if (w.examOpensOn && now < shanghaiDayStart(w.examOpensOn)) return "before";
  if (w.examClosesOn && now.getTime() >= shanghaiDayStart(w.examClosesOn).getTime() + 86_400_000)
    return "after";
  return "open";
}

/** The window as a line of Chinese ("2026-06-01 至 2026-06-30"), or null when unbounded. */
export function windowText(w: ExamWindow): string | null {
  if (!w.examOpensOn && !w.examClosesOn) return null;
  return `${w.examOpensOn || "不限"} 至 ${w.examClosesOn || "不限"}（北京时间）`;
}

/** The refusal for a start outside the window, or null inside it. */
export function windowRefusal(w: ExamWindow, now: Date): string | null {
  const state = windowState(w, now);
  if (state === "before") return `考试尚未开放，开放时间为 ${windowText(w)}`;
  if (state === "after") return `本次考试已于 ${w.examClosesOn} 结束，现在不能开始考试`;
  return null;
}
