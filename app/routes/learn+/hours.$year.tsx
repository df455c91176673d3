import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PrintButton } from "#app/components/ui/print-button.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { annualStatement } from "#app/modules/learning/certificates.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { annualCreditHours, certificateIssuer } from "#app/modules/learning/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { boundedInt } from "#app/utils/input.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.year ?? ""} 年度学时证明 - 法治学堂` },
];

const YearParam = boundedInt(2000, 2100, "年份");

/** 年度学时证明 (issue 16): the learner's own courses and 学时 of one year, printable on A4. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const year = YearParam.safeParse(params.year);
  if (!year.success) throw new Response("年份无效", { status: 404 });
  const now = new Date();
  const statement = await annualStatement(user.id, year.data);
  if (!statement.person) throw new Response("用户不存在", { status: 404 });
  return json({
    year: year.data,
    current: shanghaiYear(now),
    person: statement.person,
    rows: statement.rows,
    events: statement.events.map((e) => ({ ...e, kindLabel: kindLabel(e.kind) })),
    hours: statement.hours,
    required: await annualCreditHours(),
    issuer: await certificateIssuer(),
    issuedOn: formatDateTime(now).slice(0, 10),
  });
}

export default function AnnualHoursStatement() {
  const d = useLoaderData<typeof loader>();
  const met = d.hours >= d.required;
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-4">
        <Link to="/learn">← 我的学习</Link>
        <PrintButton />
        {d.year > 2000 ? <Link to={`/learn/hours/${d.year - 1}`}>{d.year - 1} 年</Link> : null}
        {d.year < d.current ? <Link to={`/learn/hours/${d.year + 1}`}>{d.year + 1} 年</Link> : null}
      </div>
      <section
        aria-label="年度学时证明"
        className="mx-auto max-w-3xl space-y-4 border border-stone-400 bg-white p-6 sm:p-10"
      >
        <h1 className="text-center text-2xl font-bold tracking-widest">{d.year} 年度学时证明</h1>
        <p className="leading-loose">
          兹证明 <strong>{d.person.name}</strong>
          {d.person.unitName ? `（${d.person.unitName}）` : ""}于 {d.year}{" "}
          年度在法治学堂完成下列课程和活动， 共获得 <strong>{d.hours} 学时</strong>（年度要求{" "}
          {d.required} 学时，
          {met ? "已达标" : "未达标"}）。
        </p>
        {d.rows.length === 0 && d.events.length === 0 ? (
          <p>本年度尚无完成的课程或参加的活动。</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{d.year} 年完成的课程和参加的活动</caption>
            <thead>
              <tr className="border-b border-stone-400 text-left">
                <th scope="col" className="py-1 pr-2">
                  课程或活动
                </th>
                <th scope="col" className="py-1 pr-2">
                  完成日期
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  学时
                </th>
                <th scope="col" className="hidden py-1 sm:table-cell print:table-cell">
                  证书编号
                </th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.certificateNo} className="border-b border-stone-200">
                  <td className="py-1 pr-2">{r.title}</td>
                  <td className="py-1 pr-2">{formatDateTime(r.completedAt).slice(0, 10)}</td>
                  <td className="py-1 pr-2 text-right">{r.creditHours}</td>
                  <td className="hidden py-1 font-mono sm:table-cell print:table-cell">
                    {r.certificateNo}
                  </td>
                </tr>
              ))}
              {d.events.map((e) => (
                <tr key={`event-${e.id}`} className="border-b border-stone-200">
                  <td className="py-1 pr-2">
                    {e.kindLabel}：{e.title}
                  </td>
                  <td className="py-1 pr-2">{formatDateTime(e.startsAt).slice(0, 10)}</td>
                  <td className="py-1 pr-2 text-right">{e.creditHours}</td>
                  <td className="hidden py-1 sm:table-cell print:table-cell">活动签到</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2} className="py-1 pr-2 text-left">
                  合计
                </th>
                <td className="py-1 pr-2 text-right font-semibold">{d.hours}</td>
              </tr>
            </tfoot>
          </table>
        )}
        <p className="pt-6 text-right">
          {d.issuer}
          <br />
          {d.issuedOn}
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
