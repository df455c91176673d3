import { Link } from "@remix-run/react";
import { chineseDay, formatDateTime } from "#app/utils/dates.ts";
import { bookingKind, stateLabel, typeLabel } from "#app/modules/booking/state.ts";

export type BookingRowView = {
  id: number;
  type: string;
  status: string;
  startAt: string | number | Date;
  topic: string;
  wishDate?: string | null;
  promisedDate?: string | null;
  enterprise: { name: string };
  expert: { user: { name: string } };
};

/** A contract review's due date ("承诺 12 月 18 日前"), an appointment's time. */
export function whenOf(b: BookingRowView): string {
  if (b.wishDate)
    return b.promisedDate
      ? `承诺 ${chineseDay(b.promisedDate)}前`
      : `期望 ${chineseDay(b.wishDate)}前`;
  return formatDateTime(b.startAt).slice(0, 16);
}

/** A list of bookings; on a phone each row is a card with its status first (cards-sm). */
export function BookingTable({
  rows,
  show,
  empty,
  today,
}: {
  rows: BookingRowView[];
  show: "expert" | "enterprise" | "both";
  empty: string;
  /** Which party's column: the expert (an enterprise's list), the enterprise, or both. */
  /** Beijing today (YYYY-MM-DD): accepted reviews promised before it are marked 已逾期. */
  today?: string;
}) {
  if (rows.length === 0)
    return <p className="rounded border border-dashed border-stone-400 p-4 text-center">{empty}</p>;
  return (
    <table className="cards-sm w-full text-left md:table">
      <thead>
        <tr className="border-b">
          <th scope="col" className="py-1">
            时间
          </th>
          <th scope="col">类型</th>
          <th scope="col">主题</th>
          {show !== "expert" ? <th scope="col">企业</th> : null}
          {show !== "enterprise" ? <th scope="col">专家</th> : null}
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((b) => {
          const overdue =
            today !== undefined &&
            b.status === "CONFIRMED" &&
            !!b.promisedDate &&
            b.promisedDate < today;
          return (
            <tr key={b.id} className="border-b border-stone-200">
              <td data-label="时间" className="py-1">
                {whenOf(b)}
              </td>
              <td data-label="类型">{typeLabel(b.type)}</td>
              <td data-label="主题" className="break-words">
                <Link to={`/consult/bookings/${b.id}`}>{b.topic}</Link>
              </td>
              {show !== "expert" ? <td data-label="企业">{b.enterprise.name}</td> : null}
              {show !== "enterprise" ? <td data-label="专家">{b.expert.user.name}</td> : null}
              <td data-label="状态" data-status>
                {stateLabel(b.status, bookingKind({ wishDate: b.wishDate ?? null }))}
                {overdue ? (
                  <span className="ml-2 rounded bg-red-100 px-2 text-red-800">已逾期</span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
