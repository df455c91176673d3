import type { SerializeFrom } from "@remix-run/node";
import type { ReadableRow } from "#app/modules/audit/describe.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

type Row = SerializeFrom<ReadableRow>;

const RESULT_CLASS: Record<string, string> = {
  SUCCESS: "text-green-800",
  FAILURE: "text-red-800",
  DENIED: "text-red-800 font-semibold",
};

/** The log as a table (one card per row on phones); details as labelled fields. */
export function AuditTable({ rows }: { rows: Row[] }) {
  return (
    <table className="cards-sm w-full bg-white text-left text-sm">
      <caption className="sr-only">审计记录（时间为北京时间）</caption>
      <thead>
        <tr className="border-b-2 border-stone-300">
          {["时间", "操作人", "操作", "对象", "结果", "IP 地址", "详情"].map((h) => (
            <th key={h} scope="col" className="p-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className="border-b border-stone-200 align-top">
            <td className="p-2 sm:whitespace-nowrap" data-label="时间">
              {formatDateTime(r.at)}
            </td>
            <td className="break-words p-2" data-label="操作人">
              {r.actor}
            </td>
            <td className="p-2 font-medium" data-label="操作" data-status="">
              {r.actionLabel}
            </td>
            <td className="break-words p-2" data-label="对象">
              {r.object}
            </td>
            <td className={`p-2 ${RESULT_CLASS[r.result] ?? ""}`} data-label="结果">
              {r.resultLabel}
            </td>
            <td className="p-2" data-label="IP 地址">
              {r.ip ?? "—"}
            </td>
            <td className="p-2" data-label="详情">
              {r.fields.length === 0 ? (
                "—"
              ) : (
                <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-left">
                  {r.fields.map((f, i) => (
                    <div key={i} className="contents">
                      <dt className="text-stone-600">{f.label}</dt>
                      <dd className="min-w-0 break-all">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
