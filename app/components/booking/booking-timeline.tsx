import type { TimelineStep } from "#app/modules/booking/timeline.ts";

const MARK = { done: "✓", current: "●", todo: "○", ended: "✕" } as const;
const TEXT = { done: "已完成", current: "当前", todo: "未到", ended: "已结束" } as const;

/** The booking's status as an ordered list of steps (marks are also said in words). */
export function BookingTimeline({ steps }: { steps: TimelineStep[] }) {
  return (
    <section
      aria-labelledby="timeline-title"
      className="rounded-lg border border-stone-300 bg-white p-4"
    >
      <h2 id="timeline-title" className="mb-3 text-lg font-semibold">
        办理进度
      </h2>
      <ol className="flex flex-col gap-2 md:flex-row md:flex-wrap md:gap-0" data-testid="timeline">
        {steps.map((s, i) => (
          <li
            key={s.label}
            aria-current={s.state === "current" ? "step" : undefined}
            className="flex min-w-0 items-start gap-2 md:flex-1 md:flex-col md:items-center md:text-center"
          >
            <span
              aria-hidden="true"
              className={
                "flex h-7 w-7 shrink-0 items-center justify-center rounded-full border text-sm " +
                (s.state === "done"
                  ? "border-green-700 bg-green-700 text-white"
                  : s.state === "current"
                    ? "border-brand-700 bg-white text-brand-700"
                    : s.state === "ended"
                      ? "border-red-700 bg-red-700 text-white"
                      : "border-stone-400 bg-white text-stone-500")
              }
            >
              {MARK[s.state]}
            </span>
            <span className="min-w-0 break-words">
              <span className={s.state === "todo" ? "text-stone-600" : "font-medium"}>
                {s.label}
              </span>
              <span className="sr-only">（{TEXT[s.state]}）</span>
              {s.note ? <span className="block text-sm text-stone-600">{s.note}</span> : null}
              {i < steps.length - 1 ? <span className="sr-only">，</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
