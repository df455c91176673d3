import { Link } from "@remix-run/react";
import { formatDateTime } from "#app/utils/dates.ts";
import { stateLabel, typeLabel } from "#app/modules/booking/state.ts";

export type BookingRowView = {
  id: number;
  type: string;
  status: string;
  startAt: string | number | Date;
  topic: string;
  enterprise: { name: string };
  expert: { user: { name: string } };
};

/** A list of bookings; on a phone each row stacks (the table scrolls sideways otherwise). */
export function BookingTable({
  rows,
  show,
  empty,
}: {
  rows: BookingRowView[];
  show: "expert" | "enterprise";
  empty: string;
}) {
  if (rows.length === 0)
    return <p className="rounded border border-dashed border-stone-400 p-4 text-center">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left">
        <thead>
          <tr className="border-b">
            <th scope="col" className="py-1">
              时间
            </th>
            <th scope="col">类型</th>
            <th scope="col">主题</th>
            <th scope="col">{show === "expert" ? "专家" : "企业"}</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id} className="border-b border-stone-200">
              <td className="py-1">{formatDateTime(b.startAt).slice(0, 16)}</td>
              <td>{typeLabel(b.type)}</td>
              <td>
                <Link to={`/consult/bookings/${b.id}`}>{b.topic}</Link>
              </td>
              <td>{show === "expert" ? b.expert.user.name : b.enterprise.name}</td>
              <td>{stateLabel(b.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
