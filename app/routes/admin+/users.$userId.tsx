import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { UserFields } from "#app/components/user-fields.tsx";
import { UpdateUserSchema, UserStatusSchema } from "#app/modules/users/schemas.ts";
import {
  getUserForAdmin,
  resetUserPassword,
  setUserDisabled,
  updateUser,
} from "#app/modules/users/users.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, readForm, parseIntentForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { roleLabel } from "#app/utils/roles.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "用户详情 - 法治学堂" }];

const IdParam = idField();

async function loadTarget(params: { userId?: string }) {
  const id = IdParam.safeParse(params.userId);
  const user = id.success ? await getUserForAdmin(id.data) : null;
  if (!user) throw new Response("用户不存在", { status: 404 });
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const user = await loadTarget(params);
  return json({
    user,
    locked: Boolean(user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()),
  });
}

const INTENTS = {
  update: UpdateUserSchema,
  disable: UserStatusSchema,
  enable: UserStatusSchema,
  "reset-password": UserStatusSchema,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const target = await loadTarget(params);
  const ip = clientIp(request);
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok) return badRequest(parsed);
  if (parsed.data.intent === "update") {
    const result = await updateUser(admin, ip, target.id, parsed.data);
    if (!result.ok)
      return badRequest({
        formError: result.formError ?? "修改未保存",
        fieldErrors: result.fieldErrors,
      });
    return redirect(`/admin/users/${target.id}?notice=saved`);
  }
  if (parsed.data.intent === "reset-password") {
    const result = await resetUserPassword(admin, ip, target.id);
    if (!result.ok) return badRequest({ formError: result.formError ?? "密码未重置" });
    return json({ ok: true as const, password: result.password });
  }
  const result = await setUserDisabled(admin, ip, target.id, parsed.data.intent === "disable");
  if (!result.ok) return badRequest({ formError: result.formError ?? "状态未修改" });
  return redirect(`/admin/users/${target.id}?notice=${parsed.data.intent}d`);
}

const NOTICES: Record<string, string> = {
  saved: "修改已保存。",
  disabled: "账号已停用，其登录会话已全部失效。",
  enabled: "账号已启用。",
};

function useUpdateForm(
  failure: Parameters<typeof useValidatedForm>[1],
  user: { name: string; role: string; orgUnit: { code: string } | null; mobile: string | null },
) {
  return useValidatedForm(UpdateUserSchema, failure, {
    intent: "update",
    name: user.name,
    role: user.role as never,
    orgUnitCode: user.orgUnit?.code ?? "",
    mobile: user.mobile ?? "",
  });
}

export default function UserDetailPage() {
  const { user, locked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failure = actionData && !actionData.ok ? actionData : undefined;
  const form = useUpdateForm(failure, user);
  const notice = NOTICES[params.get("notice") ?? ""];
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link to="/admin/users">← 用户列表</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {user.name}（{user.username}）
      </h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {actionData?.ok && "password" in actionData ? (
        <Notice>
          密码已重置，新的临时密码（只显示这一次）：
          <code data-testid="reset-password" className="rounded bg-white px-2">
            {actionData.password}
          </code>
          。该用户下次登录时必须修改密码。
        </Notice>
      ) : null}
      <dl className="grid grid-cols-[7rem_1fr] gap-y-2 rounded-lg border border-stone-300 bg-white p-4">
        <dt className="text-stone-600">角色</dt>
        <dd>{roleLabel(user.role)}</dd>
        <dt className="text-stone-600">所属单位</dt>
        <dd>{user.orgUnit ? `${user.orgUnit.name}（${user.orgUnit.code}）` : "—"}</dd>
        <dt className="text-stone-600">状态</dt>
        <dd>
          {user.disabled ? "已停用" : locked ? "已锁定（登录失败次数过多）" : "正常"}
          {user.mustChangePassword ? "，待首次修改密码" : ""}
        </dd>
        <dt className="text-stone-600">上次登录</dt>
        <dd>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "从未登录"}</dd>
        <dt className="text-stone-600">创建时间</dt>
        <dd>{formatDateTime(user.createdAt)}</dd>
      </dl>
      {user.role === "AUDITOR" ? (
        <Notice>{AUDITOR_NOTICE}</Notice>
      ) : (
        <AdminControls disabled={user.disabled} failure={failure} form={form} />
      )}
    </div>
  );
}

// 三员分立: the page offers nothing for an AUDITOR account; the module refuses it too.
const AUDITOR_NOTICE =
  "审计管理员账号由服务器运维人员在服务器上用命令行（npm run auditor）管理，系统管理员不能修改、停用或重置其密码（三员分立）。";

function AdminControls({
  disabled,
  failure,
  form,
}: {
  disabled: boolean;
  failure: { formError?: string | null } | undefined;
  form: ReturnType<typeof useUpdateForm>;
}) {
  return (
    <>
      <section
        aria-labelledby="edit-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="edit-title" className="mb-3 text-lg font-semibold">
          修改资料、角色和单位
        </h2>
        <FormError message={failure?.formError} />
        <Form method="post" noValidate onSubmit={form.onSubmit}>
          <input type="hidden" value="update" {...form.register("intent")} />
          <UserFields register={form.register} fieldError={form.fieldError} />
          <Button type="submit">保存修改</Button>
        </Form>
      </section>
      <section
        aria-labelledby="status-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="status-title" className="mb-3 text-lg font-semibold">
          账号状态
        </h2>
        <Form method="post" className="flex flex-wrap gap-4">
          {disabled ? (
            <ConfirmButton
              name="intent"
              value="enable"
              label="启用账号"
              question="确定启用该账号吗？"
              variant="secondary"
            />
          ) : (
            <ConfirmButton
              name="intent"
              value="disable"
              label="停用账号"
              question="停用后该用户将立即退出且无法登录，确定吗？"
            />
          )}
          <ConfirmButton
            name="intent"
            value="reset-password"
            label="重置密码"
            question="将生成新的临时密码并使该用户所有会话失效，确定吗？"
          />
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
