import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { UserSearchSchema } from "#app/modules/users/schemas.ts";
import { listUsers } from "#app/modules/users/users.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { ROLES, roleLabel } from "#app/utils/roles.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "用户管理 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const parsed = parseQuery(request, UserSearchSchema);
  if (!parsed.success) throw new Response("查询条件无效", { status: 400 });
  const result = await listUsers(parsed.data);
  const now = Date.now();
  return json({
    filter: parsed.data,
    ...result,
    rows: result.rows.map((u) => ({
      ...u,
      locked: Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > now),
    })),
  });
}

export default function UsersPage() {
  const { filter, rows, total, pages } = useLoaderData<typeof loader>();
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">用户管理</h1>
        <Link
          to="/admin/users/new"
          className="rounded bg-brand-600 px-4 py-2 text-white no-underline hover:bg-brand-700"
        >
          新建用户
        </Link>
      </div>
      <Form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="block font-medium">
            搜索
          </label>
          <input
            id="q"
            name="q"
            defaultValue={filter.q}
            placeholder="用户名、姓名或手机号"
            className="rounded border border-stone-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="role" className="block font-medium">
            角色
          </label>
          <select
            id="role"
            name="role"
            defaultValue={filter.role}
            className="rounded border border-stone-400 bg-white px-3 py-2"
          >
            <option value="">全部</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          查询
        </Button>
      </Form>
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的用户。
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] border-collapse bg-white text-left">
            <caption className="sr-only">用户列表</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="p-2">
                  用户名
                </th>
                <th scope="col" className="p-2">
                  姓名
                </th>
                <th scope="col" className="p-2">
                  角色
                </th>
                <th scope="col" className="p-2">
                  单位
                </th>
                <th scope="col" className="p-2">
                  状态
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((u) => (
                <tr key={u.id} className="border-b border-stone-200">
                  <td className="p-2">
                    <Link to={`/admin/users/${u.id}`}>{u.username}</Link>
                  </td>
                  <td className="p-2">{u.name}</td>
                  <td className="p-2">{roleLabel(u.role)}</td>
                  <td className="p-2">{u.orgUnit?.name ?? "—"}</td>
                  <td className="p-2">{u.disabled ? "已停用" : u.locked ? "已锁定" : "正常"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={filter.page} pages={pages} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
