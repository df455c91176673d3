import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { ChangePasswordSchema } from "#app/modules/auth/schemas.ts";
import { changePassword } from "#app/modules/users/account.server.ts";
import { requireUser } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "修改密码 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { allowPendingPasswordChange: true });
  return json({ mustChange: user.mustChangePassword });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { allowPendingPasswordChange: true });
  const parsed = await parseForm(request, ChangePasswordSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await changePassword(user, clientIp(request), parsed.data);
  if (!result.ok) return badRequest({ formError: "密码未修改", fieldErrors: result.fieldErrors });
  return redirect("/?notice=password-changed");
}

export default function ChangePasswordPage() {
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(ChangePasswordSchema, actionData);
  return (
    <div className="mx-auto max-w-md rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="mb-2 text-2xl font-bold">修改密码</h1>
      {mustChange ? (
        <p role="alert" className="mb-4 rounded border border-amber-600 bg-amber-50 px-3 py-2">
          这是您首次登录或密码已被重置，请先设置新密码再继续使用。
        </p>
      ) : null}
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field
          label="当前密码"
          type="password"
          autoComplete="current-password"
          error={form.fieldError("currentPassword")}
          {...form.register("currentPassword")}
        />
        <Field
          label="新密码"
          type="password"
          autoComplete="new-password"
          hint="至少 8 个字符，包含大写字母、小写字母、数字、其他字符（含汉字）中的至少三类。"
          error={form.fieldError("newPassword")}
          {...form.register("newPassword")}
        />
        <Field
          label="确认新密码"
          type="password"
          autoComplete="new-password"
          error={form.fieldError("confirmPassword")}
          {...form.register("confirmPassword")}
        />
        <Button type="submit" className="w-full">
          保存新密码
        </Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
