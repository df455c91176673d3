import { useSearchParams } from "@remix-run/react";
import { Notice } from "#app/components/ui/field.tsx";

/**
 * On the organiser's event page: 已取消 with the reason, and the outcome of an edit or a
 * cancellation (the edit page redirects here with ?saved=<notified> or ?cancelled=<notified>).
 */
export function EventOpsNotice({
  cancelledAt,
  reason,
}: {
  cancelledAt: string | null;
  reason: string | null;
}) {
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const cancelled = params.get("cancelled");
  const count = (v: string) => (/^\d{1,7}$/.test(v) ? Number(v) : 0);
  return (
    <>
      <div aria-live="polite">
        {saved !== null ? (
          <Notice>
            修改已保存{count(saved) ? `，已通知 ${count(saved)} 名报名人员时间或地点的变更` : ""}
          </Notice>
        ) : null}
        {cancelled !== null ? (
          <Notice>活动已取消，已通知 {count(cancelled)} 名报名人员</Notice>
        ) : null}
      </div>
      {cancelledAt ? (
        <p className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          <strong>已取消</strong>
          {reason ? `（原因：${reason}）` : ""}：不再接受报名和签到。
        </p>
      ) : null}
    </>
  );
}
