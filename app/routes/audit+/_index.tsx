import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuditFilterForm, type FilterValues } from "#app/components/audit/audit-filter.tsx";
import { AuditTable } from "#app/components/audit/audit-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { listAuditLog, type AuditPage } from "#app/modules/audit/audit.server.ts";
import { AuditFilterSchema, type AuditFilter } from "#app/modules/audit/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "审计日志 - 法治学堂" }];

const FILTER_KEYS = ["action", "person", "kind", "result", "from", "to"] as const;

/** The filter as query text, without the page cursor (for the export and the pager). */
function filterQuery(f: AuditFilter): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  return q.toString();
}

// 三员分立: only the AUDITOR reads the log; the ADMIN cannot.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["AUDITOR"]);
  const parsed = parseQuery(request, AuditFilterSchema);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    const empty: AuditPage = { rows: [], total: 0, capped: false, newer: null, older: null };
    return json(
      {
        error: issue?.message ?? "筛选条件无效",
        fieldErrors: field ? { [field]: issue?.message ?? "无效" } : {},
        values: {} as FilterValues, // never echo the refused input
        query: "",
        ...empty,
      },
      { status: 400 },
    );
  }
  const page = await listAuditLog(parsed.data);
  const values: FilterValues = parsed.data;
  return json({ error: null, fieldErrors: {}, values, query: filterQuery(parsed.data), ...page });
}

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const { error, fieldErrors, values, query, rows, total, capped, newer, older } = data;
  const at = (cursor: string) => `?${[query, cursor].filter(Boolean).join("&")}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">审计日志</h1>
      <p className="text-stone-700">
        审计记录只能追加，任何人（包括系统管理员）都不能修改或删除。时间为北京时间（UTC+8）。
      </p>
      <p className="flex flex-wrap gap-4">
        <Link to="/audit/security">安全事件汇总（按日）</Link>
      </p>
      <AuditFilterForm values={values} errors={fieldErrors} />
      <FormError message={error} />
      <div aria-live="polite" className="flex flex-wrap items-center gap-4">
        {error ? null : (
          <>
            <p className="font-medium">
              {capped ? `符合条件的记录超过 ${total} 条` : `共 ${total} 条记录`}
            </p>
            {total > 0 ? (
              <a href={`/audit/export${query ? `?${query}` : ""}`} download className="underline">
                导出 CSV（当前筛选的全部记录）
              </a>
            ) : null}
          </>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的审计记录。
        </p>
      ) : (
        <AuditTable rows={rows} />
      )}
      {newer !== null || older !== null ? (
        <nav aria-label="分页" className="flex flex-wrap items-center gap-4">
          {newer !== null ? (
            <>
              <Link to={at("")}>最新记录</Link>
              <Link to={at(`after=${newer}`)}>较新的记录</Link>
            </>
          ) : null}
          {older !== null ? <Link to={at(`before=${older}`)}>较早的记录</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
