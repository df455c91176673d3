import { useFetcher } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";

export type Person = { id: number; name: string; username: string; unit: string };
type Answer = { error: string | null; people: Person[]; more: boolean; page?: number };

const MIN = 2;

/**
 * Named staff for the assignment form. With JavaScript: a search box (name, 工号 or mobile;
 * /manage/people-search answers within the manager's subtree), results to add, and the chosen
 * people as removable chips that post `userId`. `fallback` (the 工号 text box) is what the form
 * shows before JavaScript runs, and stays reachable under "按工号输入" after.
 */
export function PeoplePicker({ fallback, error }: { fallback: ReactNode; error?: string }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const fetcher = useFetcher<Answer>();
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Person[]>([]);
  const [said, setSaid] = useState("");
  const { load } = fetcher;

  useEffect(() => {
    const text = q.trim();
    if (text.length < MIN) return;
    // Waits for a pause in typing: one request, not one per key.
    const timer = setTimeout(
      () => load(`/manage/people-search?${new URLSearchParams({ q: text, page: String(page) })}`),
      250,
    );
    return () => clearTimeout(timer);
  }, [q, page, load]);

  if (!hydrated) return <>{fallback}</>;
  const answer = q.trim().length >= MIN ? fetcher.data : undefined;
  const busy = fetcher.state !== "idle";
  const status =
    q.trim().length > 0 && q.trim().length < MIN
      ? `请至少输入 ${MIN} 个字`
      : busy
        ? "正在查找…"
        : answer?.error
          ? answer.error
          : answer
            ? answer.people.length === 0
              ? "没有找到符合条件的工作人员"
              : `找到 ${answer.people.length}${answer.more ? "+" : ""} 人`
            : "";
  const add = (p: Person) => {
    if (!chosen.some((c) => c.id === p.id)) setChosen([...chosen, p]);
    setSaid(`已添加 ${p.name}`);
  };
  const remove = (p: Person) => {
    setChosen(chosen.filter((c) => c.id !== p.id));
    setSaid(`已移除 ${p.name}`);
  };

  return (
    <fieldset
      className="mb-4 min-w-0 rounded border border-stone-300 p-3"
      aria-describedby={error ? "people-error" : undefined}
    >
      <legend className="px-1 font-medium">指定人员（可选）</legend>
      {error ? (
        <p id="people-error" role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {chosen.length > 0 ? (
        <ul aria-label="已选人员" className="mb-2 flex flex-wrap gap-2">
          {chosen.map((p) => (
            <li
              key={p.id}
              className="flex items-center gap-1 rounded-full border border-blue-800 bg-blue-50 py-1 pr-1 pl-3 text-sm"
            >
              {p.name}（{p.username}）
              <input type="hidden" name="userId" value={p.id} />
              <button
                type="button"
                onClick={() => remove(p)}
                aria-label={`移除 ${p.name}`}
                className="flex size-11 items-center justify-center rounded-full hover:bg-blue-100 sm:size-7"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-2 text-sm text-stone-600">尚未指定人员。</p>
      )}
      <label htmlFor="people-search" className="block text-sm font-medium">
        查找人员（姓名、工号或手机号）
      </label>
      <input
        id="people-search"
        type="search"
        value={q}
        maxLength={40}
        autoComplete="off"
        onChange={(e) => {
          setQ(e.target.value);
          setPage(1);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.preventDefault();
        }}
        className="mt-1 block w-full rounded border border-stone-400 px-3 py-2 sm:max-w-sm"
      />
      <p aria-live="polite" className="mt-1 text-sm text-stone-600">
        {status}
        {said ? <span className="sr-only">。{said}</span> : null}
      </p>
      {answer && !answer.error && answer.people.length > 0 ? (
        <ul aria-label="查找结果" className="mt-1 divide-y rounded border border-stone-200">
          {answer.people.map((p) => {
            const taken = chosen.some((c) => c.id === p.id);
            return (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-2">
                <span>
                  {p.name}
                  <span className="ml-2 text-sm text-stone-600">
                    {p.username} · {p.unit}
                  </span>
                </span>
                <button
                  type="button"
                  disabled={taken}
                  onClick={() => add(p)}
                  aria-label={taken ? `${p.name} 已添加` : `添加 ${p.name}（${p.username}）`}
                  className="min-h-11 rounded border border-blue-800 px-3 text-blue-800 disabled:border-stone-300 disabled:text-stone-500 sm:min-h-0 sm:py-1"
                >
                  {taken ? "已添加" : "添加"}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {answer && (answer.more || page > 1) ? (
        <div className="mt-2 flex gap-2">
          <button
            type="button"
            disabled={page <= 1}
            onClick={() => setPage(page - 1)}
            className="min-h-11 rounded border border-stone-400 px-3 disabled:text-stone-400 sm:min-h-0 sm:py-1"
          >
            上一页
          </button>
          <button
            type="button"
            disabled={!answer.more}
            onClick={() => setPage(page + 1)}
            className="min-h-11 rounded border border-stone-400 px-3 disabled:text-stone-400 sm:min-h-0 sm:py-1"
          >
            下一页
          </button>
        </div>
      ) : null}
      <details className="mt-3">
        <summary className="min-h-11 cursor-pointer py-2 text-sm sm:min-h-0 sm:py-1">
          按工号输入
        </summary>
        {fallback}
      </details>
    </fieldset>
  );
}
