import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { UserFields } from "#app/components/user-fields.tsx";
import { CreateUserSchema } from "#app/modules/users/schemas.ts";
import { createUser } from "#app/modules/users/users.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "新建用户 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, CreateUserSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await createUser(admin, clientIp(request), parsed.data);
  if (!result.ok) return badRequest({ formError: "用户未创建", fieldErrors: result.fieldErrors });
  // The initial password is shown this once and never stored in clear.
  return json({
    ok: true as const,
    created: { id: result.id, username: parsed.data.username, password: result.password },
  });
}

export default function NewUserPage() {
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(
    CreateUserSchema,
    actionData && !actionData.ok ? actionData : undefined,
    { intent: "create", role: "STAFF" },
  );
  if (actionData?.ok) {
    const { created } = actionData;
    return (
      <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
        <h1 className="mb-4 text-2xl font-bold">用户已创建</h1>
        <p role="status" className="mb-4">
          用户 <strong>{created.username}</strong>{" "}
          的初始密码如下，只显示这一次，请当面或通过安全渠道告知本人。首次登录时必须修改密码。
        </p>
        <p className="mb-6">
          初始密码：
          <code data-testid="initial-password" className="rounded bg-stone-200 px-2 py-1 text-lg">
            {created.password}
          </code>
        </p>
        <div className="flex gap-4">
          <Link to={`/admin/users/${created.id}`}>查看该用户</Link>
          <Link to="/admin/users">返回用户列表</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="mb-4 text-2xl font-bold">新建用户</h1>
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" value="create" {...form.register("intent")} />
        <Field
          label="用户名（工号或登录名）"
          error={form.fieldError("username")}
          {...form.register("username")}
        />
        <UserFields register={form.register} fieldError={form.fieldError} />
        <Button type="submit">创建用户</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
