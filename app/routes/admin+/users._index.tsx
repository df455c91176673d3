import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import {
  BULK_LABELS,
  BulkBar,
  ConfirmBulk,
  ResetPasswords,
} from "#app/components/users/bulk-panels.tsx";
import { keepCredentials, viewCredentials } from "#app/modules/users/bulk-credentials.server.ts";
import { applyBulk, planBulk } from "#app/modules/users/bulk.server.ts";
import { BulkUserSchema, UserSearchSchema } from "#app/modules/users/schemas.ts";
import { listUsers } from "#app/modules/users/users.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { ROLES, roleLabel } from "#app/utils/roles.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "用户管理 - 法治学堂" }];
const FORM = "bulk-users";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = parseQuery(request, UserSearchSchema);
  if (!parsed.success) throw new Response("查询条件无效", { status: 400 });
  const result = await listUsers(parsed.data);
  const now = Date.now();
  const reset = parsed.data.reset;
  return json({
    filter: parsed.data,
    ...result,
    rows: result.rows.map((u) => ({
      ...u,
      locked: Boolean(u.lockedUntil && new Date(u.lockedUntil).getTime() > now),
    })),
    self: admin.id,
    reset: reset ? { id: reset, view: viewCredentials(reset, admin.id) } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, BulkUserSchema);
  if (!parsed.ok) return badRequest(parsed);
  const { intent, bulkAction, userId, orgUnitCode } = parsed.data;
  if (intent === "bulk-preview") {
    const plan = await planBulk(admin, clientIp(request), bulkAction, userId, orgUnitCode);
    if (!plan.ok) return badRequest({ formError: plan.formError });
    return json({
      ok: true as const,
      plan: {
        action: plan.action,
        users: plan.users.map((u) => ({
          id: u.id,
          username: u.username,
          name: u.name,
          unitName: u.unitName,
        })),
        unit: plan.unit && { code: plan.unit.code, name: plan.unit.name },
        orgUnitCode,
      },
    });
  }
  const r = await applyBulk(admin, clientIp(request), bulkAction, userId, orgUnitCode);
  if (!r.ok) return badRequest({ formError: r.formError });
  // Back to the same list (search, role, page), with what was done.
  const list = parseQuery(request, UserSearchSchema);
  const done = new URLSearchParams();
  if (list.success) {
    if (list.data.q) done.set("q", list.data.q);
    if (list.data.role) done.set("role", list.data.role);
    if (list.data.page > 1) done.set("page", String(list.data.page));
  }
  done.set("done", bulkAction);
  done.set("count", String(r.count));
  if (r.credentials) done.set("reset", keepCredentials(admin.id, r.credentials));
  return redirect(`/admin/users?${done}`);
}

/** 全选本页: only with JavaScript (it ticks the boxes of this page). */
function SelectAll() {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return <span className="sr-only">选择</span>;
  return (
    <label className="inline-flex items-center gap-1 text-sm font-normal">
      <input
        type="checkbox"
        className="h-5 w-5"
        onChange={(e) => {
          const form = e.currentTarget.form;
          for (const box of form?.querySelectorAll<HTMLInputElement>('input[name="userId"]') ?? [])
            if (!box.disabled) box.checked = e.currentTarget.checked;
          form?.dispatchEvent(new Event("change", { bubbles: true }));
        }}
      />
      全选本页
    </label>
  );
}

export default function UsersPage() {
  const { filter, rows, total, pages, self, reset } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const plan = actionData && actionData.ok ? actionData.plan : null;
  const failed = actionData && !actionData.ok ? actionData : null;
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
      {filter.done && !plan && !failed ? (
        <Notice>
          已{BULK_LABELS[filter.done]} {filter.count ?? 0} 个用户。
        </Notice>
      ) : null}
      {reset && !plan ? <ResetPasswords reset={reset.id} view={reset.view} /> : null}
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
      {/* A form error, or the first field's (nothing ticked, no action chosen). */}
      <div role="alert">
        {failed ? (
          <FormError
            message={failed.formError ?? Object.values(failed.fieldErrors).flat()[0] ?? null}
          />
        ) : null}
      </div>
      {plan ? <ConfirmBulk plan={plan} /> : null}
      {rows.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的用户。
        </p>
      ) : (
        <>
          <BulkBar formId={FORM} />
          <Form method="post" id={FORM}>
            <div className="overflow-x-auto">
              <table className="cards-sm w-full border-collapse bg-white text-left">
                <caption className="sr-only">用户列表</caption>
                <thead>
                  <tr className="border-b-2 border-stone-300">
                    <th scope="col" className="p-2">
                      <SelectAll />
                    </th>
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
                      <td className="p-2" data-label="选择">
                        <input
                          type="checkbox"
                          name="userId"
                          value={u.id}
                          className="h-5 w-5"
                          aria-label={`选择 ${u.name}（${u.username}）${u.id === self ? "（本人）" : ""}`}
                        />
                      </td>
                      <td className="p-2" data-label="用户名">
                        <Link to={`/admin/users/${u.id}`}>{u.username}</Link>
                      </td>
                      <td className="p-2" data-label="姓名">
                        {u.name}
                      </td>
                      <td className="p-2" data-label="角色">
                        {roleLabel(u.role)}
                      </td>
                      <td className="p-2" data-label="单位">
                        {u.orgUnit?.name ?? "—"}
                      </td>
                      <td className="p-2" data-label="状态" data-status="">
                        {u.disabled ? "已停用" : u.locked ? "已锁定" : "正常"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Form>
        </>
      )}
      <Pager page={filter.page} pages={pages} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
