import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { readingDetail } from "#app/modules/policy/readings.server.ts";
import { idField } from "#app/utils/input.ts";
import { deny, requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "阅读确认情况 - 法治学堂" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["MANAGER", "ADMIN"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("阅读任务不存在", { status: 404 });
  const r = await readingDetail(user, id.data);
  if (!r.ok) {
    if (r.status === 403) await deny(request, user, "policy reading outside scope");
    throw new Response(r.message, { status: r.status });
  }
  return json({ reading: r.reading, people: r.people });
}

export default function ReadingPage() {
  const { reading, people } = useLoaderData<typeof loader>();
  const confirmed = people.filter((p) => p.confirmedAt).length;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/policy/readings">← 阅读任务</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">阅读确认：{reading.title}</h1>
      <p>
        {reading.unit}
        {reading.withSubunits ? "（含下级单位）" : ""} · 已确认 {confirmed} / {people.length} 人
        {reading.dueDate ? ` · 截止 ${reading.dueDate}` : ""} ·{" "}
        <Link to={`/policy/${reading.docId}`}>阅读解读</Link>
      </p>
      {people.length === 0 ? (
        <p>该单位没有需要阅读的人员。</p>
      ) : (
        <table className="cards-sm w-full border-collapse bg-white text-left">
          <caption className="sr-only">阅读确认名单</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">
                状态
              </th>
              <th scope="col" className="p-2">
                姓名
              </th>
              <th scope="col" className="p-2">
                工号
              </th>
              <th scope="col" className="p-2">
                单位
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} className="border-b border-stone-200">
                <td className="p-2" data-label="状态">
                  {p.confirmedAt ? `已确认（${formatDateTime(p.confirmedAt)}）` : "未确认"}
                </td>
                <td className="p-2" data-label="姓名">
                  {p.name}
                </td>
                <td className="p-2" data-label="工号">
                  {p.username}
                </td>
                <td className="p-2" data-label="单位">
                  {p.unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
