import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { CompareRow } from "#app/components/laws/compare-row.tsx";
import { LAW_READER_ROLES } from "#app/modules/laws/library.server.ts";
import { CompareQuerySchema, firstMessage } from "#app/modules/laws/schemas.ts";
import { compareView } from "#app/modules/laws/views.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.law.title ?? "法律"} 新旧对照 - 法治学堂` },
];

// 新旧对照 of two versions (?from=2017&to=2023), of the whole law or of one
// article (?old=<number in the old version> or ?new=<number in the new one>).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const parsed = parseQuery(request, CompareQuerySchema);
  if (!parsed.success) throw new Response(firstMessage(parsed.error), { status: 400 });
  const view = compareView(params.lawId ?? "", parsed.data);
  if (!view) throw new Response("法律或版本不存在", { status: 404 });
  if ("error" in view) throw new Response(view.error, { status: 400 });
  return json(view);
}

export default function ComparePage() {
  const { law, from, to, counts, single, rows, showAll } = useLoaderData<typeof loader>();
  const base = `/laws/${law.id}/compare?from=${from.key}&to=${to.key}`;
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to={`/laws/${law.id}`}>← {law.title}</Link>
      </p>
      <h1 className="text-2xl font-bold">{law.title} 新旧对照</h1>
      <p className="text-stone-700">
        旧：{from.revision}（施行期间：{from.period}，{from.validity}）
        <br />
        新：{to.revision}（施行期间：{to.period}，{to.validity}）
      </p>
      <p>
        新增 {counts.added} 条，删除 {counts.deleted} 条，修改 {counts.changed} 条，条号变化{" "}
        {counts.moved} 条，未改动 {counts.unchanged} 条。条文按内容相似度对应，不只按条号。
      </p>
      <p className="text-sm text-stone-700">
        图例：<del className="bg-red-100 text-red-900">删除的文字</del>{" "}
        <ins className="bg-green-100 text-green-900">新增的文字</ins>
      </p>
      {single ? (
        <>
          <ol className="space-y-3">
            <CompareRow row={single} from={from.key} to={to.key} />
          </ol>
          <p>
            <Link to={base}>查看全法新旧对照</Link>
          </p>
        </>
      ) : (
        <>
          <p>
            {showAll ? (
              <Link to={base}>只看有变化的条文</Link>
            ) : (
              <Link to={`${base}&all=1`}>同时显示未改动的条文</Link>
            )}
          </p>
          <ol className="space-y-3">
            {rows.map((r, i) => (
              <CompareRow key={i} row={r} from={from.key} to={to.key} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
