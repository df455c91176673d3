import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import {
  actionLabel,
  AUDIT_ACTIONS,
  AUDIT_RESULTS,
  objectLabel,
} from "#app/modules/audit/actions.ts";
import { listAuditLog } from "#app/modules/audit/audit.server.ts";
import { AuditFilterSchema } from "#app/modules/audit/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTimeWithZone } from "#app/utils/dates.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "审计日志 - 法治学堂" }];

// 三员分立: only the AUDITOR reads the log; the ADMIN cannot.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AUDITOR"]);
  const parsed = parseQuery(request, AuditFilterSchema);
  if (!parsed.success) {
    const rows: Awaited<ReturnType<typeof listAuditLog>>["rows"] = [];
    return json(
      {
        error: parsed.error.issues[0]?.message ?? "筛选条件无效",
        filter: null,
        rows,
        total: 0,
        pages: 1,
      },
      { status: 400 },
    );
  }
  const result = await listAuditLog(parsed.data);
  return json({ error: null, filter: parsed.data, ...result });
}

const input = "rounded border border-stone-400 bg-white px-3 py-2";

export default function AuditPage() {
  const { error, filter, rows, total, pages } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">审计日志</h1>
      <p className="text-stone-700">
        审计记录只能追加，任何人（包括系统管理员）都不能修改或删除。时间为北京时间（UTC+8）。
      </p>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="f-user" className="block font-medium">
            用户名
          </label>
          <input id="f-user" name="user" defaultValue={filter?.user} className={input} />
        </div>
        <div>
          <label htmlFor="f-action" className="block font-medium">
            操作
          </label>
          <select id="f-action" name="action" defaultValue={filter?.action} className={input}>
            <option value="">全部</option>
            {Object.entries(AUDIT_ACTIONS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="block font-medium">
            开始日期
          </label>
          <input
            id="f-from"
            name="from"
            type="date"
            defaultValue={filter?.from}
            className={input}
          />
        </div>
        <div>
          <label htmlFor="f-to" className="block font-medium">
            结束日期
          </label>
          <input id="f-to" name="to" type="date" defaultValue={filter?.to} className={input} />
        </div>
        <Button type="submit" variant="secondary">
          筛选
        </Button>
      </Form>
      <FormError message={error} />
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的审计记录。
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] bg-white text-left text-sm">
            <caption className="sr-only">审计记录</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="p-2">
                  时间
                </th>
                <th scope="col" className="p-2">
                  用户
                </th>
                <th scope="col" className="p-2">
                  操作
                </th>
                <th scope="col" className="p-2">
                  对象
                </th>
                <th scope="col" className="p-2">
                  结果
                </th>
                <th scope="col" className="p-2">
                  IP
                </th>
                <th scope="col" className="p-2">
                  详情
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-stone-200 align-top">
                  <td className="whitespace-nowrap p-2">{formatDateTimeWithZone(r.at)}</td>
                  <td className="p-2">{r.actorName ?? "—"}</td>
                  <td className="p-2">{actionLabel(r.action)}</td>
                  <td className="p-2">{objectLabel(r.objectType, r.objectId)}</td>
                  <td className="p-2">{AUDIT_RESULTS[r.result] ?? r.result}</td>
                  <td className="p-2">{r.ip ?? "—"}</td>
                  <td className="break-all p-2 font-mono text-xs">{r.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {filter ? <Pager page={filter.page} pages={pages} total={total} /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
