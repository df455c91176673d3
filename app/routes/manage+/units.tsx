import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { OrgTreeView } from "#app/components/unit-tree.tsx";
import { scopeOf } from "#app/modules/assignments/assignments.server.ts";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { subtreeStats } from "#app/modules/org/org.server.ts";
import { OpenUnitsParam } from "#app/modules/org/schemas.ts";
import { unitTree } from "#app/modules/org/tree.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "组织机构 - 法治学堂" }];

/** A manager's own part of the org tree, read-only, with staff counts (an admin: the whole tree). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, unit } = await requireManagerUnit(request);
  const parsed = parseQuery(request, z.object({ open: OpenUnitsParam }));
  if (!parsed.success) throw new Response("展开的单位无效", { status: 400 });
  // An admin's tree is the whole city: loaded a level at a time (decision 0019).
  const lazy = user.role === "ADMIN";
  const scope = scopeOf(user);
  const [units, stats] = await Promise.all([
    unitTree(scope, lazy ? (parsed.data.open ?? []) : undefined),
    subtreeStats(scope),
  ]);
  return json({ unit: { name: unit.name }, units, lazy, count: stats.units });
}

export default function ManagerUnits() {
  const { unit, units, lazy, count } = useLoaderData<typeof loader>();
  const staff = units.find((u) => u.parentId === null)?.total ?? 0;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">组织机构：{unit.name}</h1>
      <p className="text-stone-700">
        {unit.name}及下级单位共 {count} 个单位、{staff}{" "}
        名在职工作人员。点单位名称查看该单位的学习任务达标率；布置任务时可直接在
        <Link to="/manage/assignments/new">布置学习任务</Link>页勾选单位。
      </p>
      <OrgTreeView units={units} lazy={lazy} linkFor={(u) => `/manage/overview?unit=${u.id}`} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
