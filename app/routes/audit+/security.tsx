import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { SecurityRangeSchema } from "#app/modules/audit/schemas.ts";
import { defaultRange, securitySummary, summaryRange } from "#app/modules/audit/security.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "安全事件汇总 - 法治学堂" }];

const KINDS = [
  { key: "failedLogins", label: "登录失败", filter: "action=LOGIN_FAILURE" },
  { key: "lockouts", label: "账号锁定", filter: "action=ACCOUNT_LOCKED" },
  { key: "denials", label: "越权访问被拒绝", filter: "result=DENIED" },
] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AUDITOR"]);
  const parsed = parseQuery(request, SecurityRangeSchema);
  const range = parsed.success
    ? summaryRange(parsed.data)
    : { ok: false as const, message: parsed.error.issues[0]?.message ?? "日期无效" };
  if (!range.ok)
    return json({ error: range.message, values: defaultRange(), summary: null }, { status: 400 });
  const { from, to } = range;
  return json({ error: null, values: { from, to }, summary: await securitySummary(from, to) });
}

export default function SecuritySummaryPage() {
  const { error, values, summary } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">安全事件汇总</h1>
      <p className="text-stone-700">
        按北京时间逐日统计登录失败、账号锁定和越权访问被拒绝的次数；点击数字查看对应的审计记录。
      </p>
      <p>
        <Link to="/audit">返回审计日志</Link>
      </p>
      <Form method="get" aria-label="选择日期范围">
        <fieldset className="rounded border border-stone-300 bg-white p-4">
          <legend className="px-1 font-semibold">日期范围（北京时间，含首尾两天）</legend>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <Field label="开始日期" name="from" type="date" defaultValue={values.from} />
            <Field label="结束日期" name="to" type="date" defaultValue={values.to} />
          </div>
          <Button type="submit">汇总</Button>
        </fieldset>
      </Form>
      <FormError message={error} />
      {summary ? (
        <section aria-live="polite" aria-labelledby="summary-title" className="space-y-3">
          <h2 id="summary-title" className="text-lg font-semibold">
            {summary.from} 至 {summary.to}
          </h2>
          <ul className="grid gap-3 sm:grid-cols-3">
            {KINDS.map((k) => (
              <li key={k.key} className="rounded border border-stone-300 bg-white p-3">
                <span className="block text-sm text-stone-600">{k.label}</span>
                <Link
                  to={`/audit?${k.filter}&from=${summary.from}&to=${summary.to}`}
                  className="text-2xl font-bold"
                  aria-label={`${k.label} ${summary.totals[k.key]} 次，查看记录`}
                >
                  {summary.totals[k.key]}
                </Link>
              </li>
            ))}
          </ul>
          {summary.totals.failedLogins + summary.totals.lockouts + summary.totals.denials === 0 ? (
            <p className="rounded border border-dashed border-stone-400 p-6 text-center">
              这段时间没有安全事件。
            </p>
          ) : null}
          <table className="cards-sm w-full bg-white text-left text-sm">
            <caption className="sr-only">每日安全事件</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="p-2">
                  日期
                </th>
                {KINDS.map((k) => (
                  <th key={k.key} scope="col" className="p-2 text-right">
                    {k.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...summary.days].reverse().map((d) => (
                <tr key={d.day} className="border-b border-stone-200">
                  <th scope="row" className="p-2 font-medium" data-status="">
                    {d.day}
                  </th>
                  {KINDS.map((k) => (
                    <td key={k.key} className="p-2 text-right" data-label={k.label}>
                      {d[k.key] > 0 ? (
                        <Link to={`/audit?${k.filter}&from=${d.day}&to=${d.day}`}>{d[k.key]}</Link>
                      ) : (
                        0
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
