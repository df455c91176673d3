import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { lawSummaries } from "#app/modules/laws/library.server.ts";
import { policyRights } from "#app/modules/policy/access.server.ts";
import { listPublished } from "#app/modules/policy/readers.server.ts";
import { myReadings } from "#app/modules/policy/readings.server.ts";
import { INDUSTRIES, KIND_LABELS, PolicyListQuerySchema } from "#app/modules/policy/schemas.ts";
import { getUser } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "政策解读 - 法治学堂" }];

// Public (PUBLIC_PATHS): anonymous readers see the public interpretations; signed-in
// readers also what is addressed to them (readers.server.ts). A GET form (search, filters).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const parsed = parseQuery(request, PolicyListQuerySchema);
  if (!parsed.success)
    throw new Response(parsed.error.issues[0]?.message ?? "检索条件无效", { status: 400 });
  const [list, rights, assigned] = await Promise.all([
    listPublished(user, parsed.data),
    user ? policyRights(user) : null,
    myReadings(user ?? { id: 0, orgUnitId: null, orgUnitPath: null, role: "" }),
  ]);
  const laws = lawSummaries().map((l) => ({ id: l.id, title: l.title }));
  return json({
    ...list,
    filter: parsed.data,
    laws,
    signedIn: Boolean(user),
    canManage: Boolean(rights && (rights.author || rights.admin)),
    enterprise: user?.role === "ENTERPRISE",
    assigned,
  });
}

export default function PolicyListPage() {
  const { items, total, pageSize, filter, laws, signedIn, canManage, enterprise, assigned } =
    useLoaderData<typeof loader>();
  const open = assigned.filter((a) => !a.confirmedAt).length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">政策解读</h1>
      <p className="text-stone-700">
        政策法规科和法律专家对新出台的法律法规和政策文件的解读。
        {signedIn ? "" : "未登录时只显示面向社会公众的解读；工作人员和企业请登录后阅读更多。"}
      </p>
      <p className="flex flex-wrap gap-4">
        {canManage ? <Link to="/policy/manage">撰写和审核解读</Link> : null}
        {enterprise ? <Link to="/policy/subscriptions">订阅行业政策</Link> : null}
        {!signedIn ? <Link to="/login?redirectTo=/policy">登录</Link> : null}
      </p>
      {assigned.length > 0 ? (
        <section
          aria-labelledby="assigned-heading"
          className="rounded-lg border border-amber-600 bg-amber-50 p-4"
        >
          <h2 id="assigned-heading" className="font-semibold">
            布置给我的阅读（待确认 {open} 篇）
          </h2>
          <ul className="mt-2 space-y-1">
            {assigned.map((a) => (
              <li key={a.docId} className="break-words">
                <Link to={`/policy/${a.docId}`}>{a.title}</Link>
                {" · "}
                {a.confirmedAt
                  ? "已确认阅读"
                  : a.dueDate
                    ? `请在 ${a.dueDate} 前阅读并确认`
                    : "请阅读并确认"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" role="search" className="rounded-lg border border-stone-300 bg-white p-4">
        <fieldset className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2">
          <legend className="mb-2 font-medium">检索和筛选</legend>
          <label className="flex min-w-0 flex-col">
            <span>标题或文件名称</span>
            <input
              name="q"
              defaultValue={filter.q}
              maxLength={50}
              className="w-full min-w-0 rounded border border-stone-400 px-2 py-2"
            />
          </label>
          <label className="flex min-w-0 flex-col">
            <span>解读对象</span>
            <select
              name="law"
              defaultValue={filter.law ?? ""}
              className="w-full min-w-0 rounded border border-stone-400 bg-white px-2 py-2"
            >
              <option value="">全部</option>
              {laws.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.title}
                </option>
              ))}
              <option value="other">其他政策文件</option>
            </select>
          </label>
          <label className="flex min-w-0 flex-col">
            <span>行业</span>
            <select
              name="industry"
              defaultValue={filter.industry ?? ""}
              className="w-full min-w-0 rounded border border-stone-400 bg-white px-2 py-2"
            >
              <option value="">全部行业</option>
              {INDUSTRIES.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
          <div className="flex flex-wrap gap-3">
            <label className="flex min-w-0 flex-col">
              <span>发布日期自</span>
              <input
                type="date"
                name="from"
                defaultValue={filter.from}
                className="rounded border border-stone-400 px-2 py-2"
              />
            </label>
            <label className="flex min-w-0 flex-col">
              <span>至</span>
              <input
                type="date"
                name="to"
                defaultValue={filter.to}
                className="rounded border border-stone-400 px-2 py-2"
              />
            </label>
          </div>
        </fieldset>
        <div className="mt-3 flex gap-3">
          <Button type="submit">检索</Button>
          <Link to="/policy" className="self-center">
            清除条件
          </Link>
        </div>
      </Form>
      <section aria-live="polite" aria-label="检索结果" className="space-y-3">
        <p>共 {total} 篇</p>
        {items.length === 0 ? (
          <p className="rounded border border-stone-300 bg-white p-4">暂无符合条件的政策解读。</p>
        ) : (
          <ol className="space-y-3">
            {items.map((d) => (
              <li key={d.id} className="rounded-lg border border-stone-300 bg-white p-4">
                <h2 className="text-lg font-semibold break-words">
                  <Link to={`/policy/${d.id}`}>{d.title}</Link>
                </h2>
                <p className="text-sm text-stone-700 break-words">
                  {KIND_LABELS[d.kind]} · 解读对象：{d.instrument}
                </p>
                <p className="text-sm text-stone-700">
                  {formatDateTime(d.publishedAt).slice(0, 10)} 发布
                  {d.version > 1 ? `（已修订，第 ${d.version} 版）` : ""} · 阅读 {d.reads} 次 ·
                  行业：{d.industries.join("、")}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      {pages > 1 ? <Pager page={filter.page} pages={pages} total={total} noun="篇" /> : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
