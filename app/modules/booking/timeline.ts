// The booking page's status timeline (issue 18): the steps a booking goes through, which are
// done, which one is current, and the end it reached when it stopped early. Pure, unit-tested.
import { chineseDay, formatDateTime } from "#app/utils/dates.ts";
import { bookingKind } from "./state.ts";

export type TimelineStep = {
  label: string;
  state: "done" | "current" | "todo" | "ended";
  /** When it happened ("2026-12-07 10:00"), or a note such as the promise. */
  note: string | null;
};

type Input = {
  status: string;
  createdAt: Date | string;
  confirmedAt: Date | string | null;
  startAt: Date | string;
  closedAt: Date | string | null;
  ratedAt: Date | string | null;
  wishDate: string | null;
  promisedDate: string | null;
  cancelledBy: string | null;
};

const at = (v: Date | string | null) => (v ? formatDateTime(v).slice(0, 16) : null);

export function timeline(b: Input, now: number): TimelineStep[] {
  const review = bookingKind(b) === "REVIEW";
  const confirmed = b.confirmedAt !== null || ["COMPLETED", "NO_SHOW"].includes(b.status);
  const started = new Date(b.startAt).getTime() <= now;
  const steps: { label: string; done: boolean; note: string | null }[] = [
    { label: "已提交", done: true, note: at(b.createdAt) },
    review
      ? {
          label: b.promisedDate
            ? `已受理（承诺 ${chineseDay(b.promisedDate)}前完成）`
            : `已受理（期望 ${chineseDay(b.wishDate ?? "")}前完成）`,
          done: confirmed,
          note: at(b.confirmedAt),
        }
      : { label: "已确认", done: confirmed, note: at(b.confirmedAt) },
  ];
  if (!review)
    steps.push({
      label: "进行中",
      done: confirmed && (started || b.status === "COMPLETED"),
      note: null,
    });
  const end: Record<string, string> = {
    DECLINED: review ? "未受理" : "已拒绝",
    CANCELLED: b.cancelledBy === "EXPERT" ? "专家已取消" : "已取消",
    NO_SHOW: "未到场",
  };
  if (end[b.status]) {
    // The steps reached, then the end it stopped at.
    const reached = steps.filter((s) => s.done);
    return [
      ...reached.map((s) => ({ label: s.label, state: "done" as const, note: s.note })),
      { label: end[b.status]!, state: "ended", note: at(b.closedAt) },
    ];
  }
  steps.push(
    { label: "已出具意见", done: b.status === "COMPLETED", note: at(b.closedAt) },
    { label: "已评价", done: b.ratedAt !== null, note: at(b.ratedAt) },
  );
  const current = steps.findIndex((s) => !s.done);
  return steps.map((s, i) => ({
    label: s.label,
    state: s.done ? "done" : i === current ? "current" : "todo",
    note: s.done ? s.note : null,
  }));
}
