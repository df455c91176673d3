import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { UnitSearch } from "#app/components/unit-search.tsx";
import { OrgTreeView } from "#app/components/unit-tree.tsx";
import { searchUnits, subtreeStats } from "#app/modules/org/org.server.ts";
import { unitTree } from "#app/modules/org/tree.server.ts";
import { OpenUnitsParam, UNIT_KINDS } from "#app/modules/org/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "组织机构 - 法治学堂" }];

const QuerySchema = z.object({
  q: z.string().trim().max(40).optional().default(""),
  open: OpenUnitsParam,
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const parsed = parseQuery(request, QuerySchema);
  if (!parsed.success) throw new Response("查询条件无效", { status: 400 });
  // No query: the tree, each unit a link to its page (rename, move, add, delete there), loaded
  // a level at a time (`open=`): the whole city is ~2,200 units (decision 0019).
  if (!parsed.data.q) {
    const [units, stats] = await Promise.all([
      unitTree("/", parsed.data.open ?? []),
      subtreeStats("/"),
    ]);
    return json({ q: "", results: [], units, count: stats.units });
  }
  return json({
    q: parsed.data.q,
    results: await searchUnits(parsed.data.q),
    units: null,
    count: 0,
  });
}

export default function UnitSearchPage() {
  const { q, results, units, count } = useLoaderData<typeof loader>();
  if (units)
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">组织机构</h1>
        <UnitSearch />
        <p className="text-stone-700">
          共 {count}{" "}
          个单位。点单位名称进入该单位页面，可改名、移动、添加下级单位或删除；点“展开”查看下级单位。
        </p>
        <OrgTreeView units={units} lazy linkFor={(u) => `/admin/units/${u.id}`} />
      </div>
    );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">组织机构：搜索“{q}”</h1>
      <UnitSearch defaultValue={q} />
      {results.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有找到名称或编码包含该文字的单位。
        </p>
      ) : (
        <ul className="divide-y rounded border border-stone-300 bg-white">
          {results.map((u) => (
            <li key={u.id} className="p-2">
              <Link to={`/admin/units/${u.id}`}>{u.name}</Link>
              <span className="ml-2 text-sm text-stone-600">
                {u.code} · {UNIT_KINDS[u.kind as keyof typeof UNIT_KINDS] ?? "市"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
