import { Form, useFetcher } from "@remix-run/react";
import clsx from "clsx";
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { QuizQuestion } from "#app/components/quiz-question.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";

type SaveResult = { ok: true } | { ok: false; formError: string };

const clock = (s: number) => {
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

/** Seconds left, counted down in the browser from the server's figure (the server still judges). */
function useCountdown(initial: number) {
  const [left, setLeft] = useState(initial);
  useEffect(() => {
    const end = Date.now() + initial * 1000;
    const t = setInterval(() => {
      const s = Math.max(0, Math.round((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) clearInterval(t);
    }, 1000);
    return () => clearInterval(t);
  }, [initial]);
  return left;
}

/** Phones (< 640 px) see one question per screen once JavaScript runs; everyone else the list. */
function usePhone() {
  const [phone, setPhone] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia("(max-width: 639px)");
    const update = () => setPhone(mq.matches);
    update();
    mq.addEventListener("change", update);
    return () => mq.removeEventListener("change", update);
  }, []);
  return phone;
}

/**
 * The questions of an open quiz or exam attempt. Answers save as the learner goes (a fetcher
 * posting intent=save); the final submit sends them all again, so the whole form also works
 * without JavaScript. A sticky bar holds the time left, 已答 n/N and the 答题卡 (links to each
 * question, the unanswered marked). On phones, with JavaScript, one question per screen.
 */
export function AttemptForm({
  questions,
  secondsLeft,
  submitLabel = "交卷",
}: {
  questions: QuestionView[];
  secondsLeft: number;
  submitLabel?: string;
}) {
  const saver = useFetcher<SaveResult>();
  const left = useCountdown(secondsLeft);
  const phone = usePhone();
  const [showAll, setShowAll] = useState(false);
  const [current, setCurrent] = useState(0);
  const [answered, setAnswered] = useState(
    () => new Set(questions.filter((q) => q.given.length > 0).map((q) => q.id)),
  );
  const card = useRef<HTMLDetailsElement>(null);
  const paged = phone && !showAll;
  const total = questions.length;

  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const input = event.target as HTMLInputElement;
    if (!input.name?.startsWith("q")) return;
    const data = new FormData();
    data.set("intent", "save");
    for (const checked of event.currentTarget.querySelectorAll<HTMLInputElement>(
      `input[name="${input.name}"]:checked`,
    ))
      data.append(input.name, checked.value);
    const id = Number(input.name.slice(1));
    const has = data.getAll(input.name).length > 0;
    setAnswered((prev) => {
      const next = new Set(prev);
      if (has) next.add(id);
      else next.delete(id);
      return next;
    });
    if (has) saver.submit(data, { method: "post" });
  };

  const jump = (event: MouseEvent<HTMLAnchorElement>, i: number) => {
    if (card.current) card.current.open = false;
    if (!paged) return; // the anchor scrolls there
    event.preventDefault();
    setCurrent(i);
    window.scrollTo({ top: 0 });
  };

  return (
    <Form method="post" onChange={onChange} className="space-y-4">
      <div
        data-testid="attempt-bar"
        className="sticky top-0 z-20 -mx-2 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-stone-300 bg-stone-50/95 px-2 py-2"
      >
        <span role="timer" aria-live="off" className="font-mono font-semibold">
          {left > 0 ? `剩余 ${clock(left)}` : "时间已到，请交卷"}
        </span>
        <span data-testid="answered-count" className="font-semibold">
          已答 {answered.size}/{total}
        </span>
        <details ref={card} className="group relative">
          <summary className="inline-flex min-h-11 cursor-pointer items-center rounded border border-stone-400 bg-white px-3">
            答题卡
          </summary>
          <nav
            aria-label="答题卡"
            className="absolute left-0 z-30 mt-1 w-[min(22rem,90vw)] rounded border border-stone-400 bg-white p-3 shadow-lg"
          >
            <p className="mb-2 text-sm text-stone-700">
              实线框为已答，虚线框为未答（{total - answered.size} 题未答）。
            </p>
            <ol className="grid grid-cols-6 gap-1">
              {questions.map((q, i) => {
                const done = answered.has(q.id);
                return (
                  <li key={q.id}>
                    <a
                      href={`#question-${i + 1}`}
                      onClick={(e) => jump(e, i)}
                      aria-label={`第 ${i + 1} 题${done ? "，已答" : "，未答"}`}
                      aria-current={paged && i === current ? "step" : undefined}
                      className={clsx(
                        "flex min-h-11 items-center justify-center rounded border-2 text-sm no-underline",
                        done
                          ? "border-solid border-brand-700 bg-brand-600 text-white"
                          : "border-dashed border-stone-500 bg-white text-stone-900",
                      )}
                    >
                      {i + 1}
                    </a>
                  </li>
                );
              })}
            </ol>
          </nav>
        </details>
        {phone ? (
          <button
            type="button"
            onClick={() => setShowAll((v) => !v)}
            className="min-h-11 rounded border border-stone-400 bg-white px-3"
          >
            {showAll ? "逐题作答" : "显示全部题目"}
          </button>
        ) : null}
      </div>
      {questions.map((q, i) => (
        <QuizQuestion key={q.id} q={q} index={i} disabled={false} hidden={paged && i !== current} />
      ))}
      {paged ? (
        <div className="flex items-center justify-between gap-2">
          <button
            type="button"
            disabled={current === 0}
            onClick={() => setCurrent((c) => Math.max(0, c - 1))}
            className="min-h-11 rounded border border-stone-400 bg-white px-4 disabled:opacity-50"
          >
            上一题
          </button>
          <span>
            第 {current + 1} / {total} 题
          </span>
          <button
            type="button"
            disabled={current === total - 1}
            onClick={() => setCurrent((c) => Math.min(total - 1, c + 1))}
            className="min-h-11 rounded border border-stone-400 bg-white px-4 disabled:opacity-50"
          >
            下一题
          </button>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <ConfirmButton
          name="intent"
          value="submit"
          label={submitLabel}
          question={
            answered.size < total
              ? `还有 ${total - answered.size} 题未答。交卷后不能再修改答案，确定交卷吗？`
              : "交卷后不能再修改答案，确定交卷吗？"
          }
          variant="secondary"
        />
        <span aria-live="polite" className="text-sm text-stone-600">
          {saver.state !== "idle"
            ? "正在保存…"
            : saver.data?.ok
              ? "答案已保存"
              : saver.data && !saver.data.ok
                ? saver.data.formError
                : ""}
        </span>
      </div>
    </Form>
  );
}
