import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { BookingTable } from "#app/components/booking/booking-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { requireExpertProfile } from "#app/modules/booking/guard.server.ts";
import { WorkbenchQuerySchema } from "#app/modules/booking/schemas.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import { workbench, type WorkbenchTab } from "#app/modules/booking/workbench.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "专家工作台 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  await requireExpertProfile(request, user);
  const q = parseQuery(request, WorkbenchQuerySchema);
  if (!q.success) throw new Response(q.error.issues[0]?.message ?? "查询参数无效", { status: 400 });
  const { tab, q: search, page } = q.data;
  return json({
    tab,
    q: search,
    page,
    today: beijingDay(Date.now()),
    ...(await workbench(user.id, tab, search, page)),
  });
}

const TABS: [WorkbenchTab, string, string][] = [
  ["pending", "待确认", "没有待确认或待受理的申请。"],
  ["open", "待办理", "没有待办理的预约或合同审查。"],
  ["done", "已完成", "还没有已完成的服务。"],
  ["all", "全部", "还没有预约。"],
];

export default function ExpertHome() {
  const d = useLoaderData<typeof loader>();
  const link = (tab: string, page = 1) => {
    const p = new URLSearchParams({ tab });
    if (d.q) p.set("q", d.q);
    if (page > 1) p.set("page", String(page));
    return `/expert?${p}`;
  };
  const current = TABS.find(([t]) => t === d.tab)!;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">专家工作台</h1>
        <div className="flex flex-wrap gap-3">
          <Link to="/expert/profile">我的简介与照片</Link>
          <Link to="/expert/availability">设置可预约时间</Link>
        </div>
      </div>
      <nav aria-label="分类">
        <ul className="flex flex-wrap gap-2">
          {TABS.map(([tab, label]) => (
            <li key={tab}>
              <Link
                to={link(tab)}
                aria-current={tab === d.tab ? "page" : undefined}
                className={
                  "inline-flex min-h-11 items-center rounded border px-3 no-underline " +
                  (tab === d.tab
                    ? "border-brand-700 bg-brand-600 text-white"
                    : "border-stone-400 bg-white text-stone-900")
                }
              >
                {label}（{d.counts[tab]}）
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="tab" value={d.tab} />
        <div>
          <label htmlFor="wb-q" className="block font-medium">
            按企业或主题搜索
          </label>
          <input
            id="wb-q"
            name="q"
            type="search"
            maxLength={50}
            defaultValue={d.q}
            className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
          />
        </div>
        <Button type="submit" variant="secondary">
          搜索
        </Button>
        {d.q ? <Link to={link(d.tab)}>清除搜索</Link> : null}
      </Form>
      <section aria-labelledby="wb-title" className="space-y-2">
        <h2 id="wb-title" className="text-lg font-semibold">
          {current[1]}
          {d.q ? `：包含“${d.q}”` : ""}
        </h2>
        <p role="status" aria-live="polite" className="text-sm text-stone-600">
          {d.tab === "pending" || d.tab === "open"
            ? "合同审查按完成日期排在前面，预约按时间排序。"
            : "最近办理的在前。"}
          共 {d.counts[d.tab]} 条{d.page > 1 ? `，第 ${d.page} 页` : ""}。
        </p>
        <BookingTable
          rows={d.rows}
          show="enterprise"
          today={d.today}
          empty={d.q ? "没有符合搜索条件的记录。" : current[2]}
        />
        {d.page > 1 || d.more ? (
          <nav aria-label="分页" className="flex gap-4">
            {d.page > 1 ? <Link to={link(d.tab, d.page - 1)}>上一页</Link> : null}
            {d.more ? <Link to={link(d.tab, d.page + 1)}>下一页</Link> : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
