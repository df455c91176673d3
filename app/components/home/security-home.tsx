import type { SerializeFrom } from "@remix-run/node";
import type { securityEvents } from "#app/modules/home/auditor.server.ts";
import { CountLink, HomeCard } from "./parts.tsx";

type SecurityData = SerializeFrom<Awaited<ReturnType<typeof securityEvents>>>;

const KIND_LABELS = { failedLogins: "登录失败", lockouts: "账号锁定", denials: "越权访问被拒绝" };

/** The auditor's home: security events of the last seven days with a per-day trend. */
export function AuditorHomeView({ data }: { data: SecurityData }) {
  const range = `from=${data.from}&to=${data.to}`;
  const max = Math.max(1, ...data.trend.map((d) => d.failedLogins + d.lockouts + d.denials));
  return (
    <HomeCard
      id="security"
      title="近 7 天安全事件"
      action={{ to: "/audit", label: "查看审计日志" }}
    >
      <div className="grid grid-cols-3 gap-3">
        <CountLink
          to={`/audit?action=LOGIN_FAILURE&${range}`}
          count={data.totals.failedLogins}
          label={KIND_LABELS.failedLogins}
          warn
        />
        <CountLink
          to={`/audit?action=ACCOUNT_LOCKED&${range}`}
          count={data.totals.lockouts}
          label={KIND_LABELS.lockouts}
          warn
        />
        <CountLink
          to={`/audit?action=PERMISSION_DENIED&${range}`}
          count={data.totals.denials}
          label={KIND_LABELS.denials}
          warn
        />
      </div>
      <figure className="mt-4">
        <figcaption className="mb-1 font-medium">每日趋势</figcaption>
        <svg
          role="img"
          aria-label={`每日安全事件：${data.trend.map((d) => `${d.day.slice(5)} ${d.failedLogins + d.lockouts + d.denials} 条`).join("，")}`}
          viewBox="0 0 280 90"
          className="h-28 w-full max-w-md"
        >
          {data.trend.map((d, i) => {
            const total = d.failedLogins + d.lockouts + d.denials;
            const h = (total / max) * 60;
            return (
              <g key={d.day}>
                <rect x={i * 40 + 8} y={70 - h} width="24" height={h} className="fill-brand-600" />
                <text
                  x={i * 40 + 20}
                  y={66 - h}
                  textAnchor="middle"
                  className="fill-stone-900 text-[10px]"
                >
                  {total}
                </text>
                <text
                  x={i * 40 + 20}
                  y="84"
                  textAnchor="middle"
                  className="fill-stone-700 text-[10px]"
                >
                  {d.day.slice(5)}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <table className="cards-sm mt-3 w-full text-left text-sm">
        <caption className="sr-only">每日安全事件明细</caption>
        <thead>
          <tr className="border-b">
            <th scope="col">日期</th>
            <th scope="col" className="text-right">
              {KIND_LABELS.failedLogins}
            </th>
            <th scope="col" className="text-right">
              {KIND_LABELS.lockouts}
            </th>
            <th scope="col" className="text-right">
              {KIND_LABELS.denials}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.trend.map((d) => (
            <tr key={d.day} className="border-b border-stone-200">
              <th scope="row" className="py-1 font-normal">
                <a data-discover="true" href={`/audit?from=${d.day}&to=${d.day}`}>
                  {d.day}
                </a>
              </th>
              <td className="text-right" data-label={KIND_LABELS.failedLogins}>
                {d.failedLogins}
              </td>
              <td className="text-right" data-label={KIND_LABELS.lockouts}>
                {d.lockouts}
              </td>
              <td className="text-right" data-label={KIND_LABELS.denials}>
                {d.denials}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </HomeCard>
  );
}
