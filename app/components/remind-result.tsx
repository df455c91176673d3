import { formatDateTime } from "#app/utils/dates.ts";

type Person = { userId: number; username: string; name: string; lastSentAt: string | null };
export type RemindView = {
  reminded: number;
  skipped: number;
  mailed: number;
  mail: boolean;
  remindedPeople: Person[];
  skippedPeople: Person[];
};

const who = (list: Person[], total: number) =>
  list.map((p) => `${p.name}（${p.username}）`).join("、") +
  (total > list.length ? ` 等 ${total} 人` : "");

/** What a reminder did: who was reminded, who was skipped and why (announced to screen readers). */
export function RemindResult({ r }: { r: RemindView }) {
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="remind-result"
      className="mb-4 space-y-1 rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900"
    >
      <p className="font-semibold">
        {r.reminded > 0
          ? `已向 ${r.reminded} 人发送站内提醒${r.mail ? `，发出邮件 ${r.mailed} 封` : "（邮件服务未开启）"}。`
          : "本次没有发送提醒。"}
        {r.skipped > 0 ? ` 跳过 ${r.skipped} 人：24 小时内已提醒。` : ""}
      </p>
      {r.reminded > 0 ? <p>已提醒：{who(r.remindedPeople, r.reminded)}</p> : null}
      {r.skipped > 0 ? (
        <div>
          <p>已跳过（24 小时内已提醒，每人每个任务 24 小时内最多提醒一次）：</p>
          <ul className="list-disc pl-6">
            {r.skippedPeople.map((p) => (
              <li key={p.userId}>
                {p.name}（{p.username}）— 24 小时内已提醒
                {p.lastSentAt ? `，上次提醒 ${formatDateTime(p.lastSentAt)}` : ""}
              </li>
            ))}
            {r.skipped > r.skippedPeople.length ? (
              <li>另有 {r.skipped - r.skippedPeople.length} 人</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
