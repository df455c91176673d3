import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import { registerEnterprise } from "#app/modules/booking/enterprise.server.ts";
import { RegisterEnterpriseSchema } from "#app/modules/booking/schemas.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { getUser } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { commitSessionCookie } from "#app/utils/session.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "企业注册 - 法治学堂" }];

// Public route (PUBLIC_PATHS in tests/e2e/routes.spec.ts); rate-limited like the login (server/app.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/");
  return json({
    approvalRequired: (await consultSettings()).approvalRequired,
    done: parseQuery(request, z.object({ pending: z.literal("1") })).success,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, RegisterEnterpriseSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await registerEnterprise(parsed.data, clientIp(request));
  if (!result.ok)
    return badRequest({ formError: "注册未完成，请按提示修改", fieldErrors: result.fieldErrors });
  if (!result.token) return redirect("/register?pending=1");
  return redirect("/consult", {
    headers: { "Set-Cookie": await commitSessionCookie(request, result.token) },
  });
}

export default function RegisterPage() {
  const { approvalRequired, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const form = useValidatedForm(RegisterEnterpriseSchema, actionData);
  if (done) {
    return (
      <div className="mx-auto max-w-md rounded-lg border border-stone-300 bg-white p-6">
        <h1 className="mb-4 text-2xl font-bold">注册已提交</h1>
        <Notice>系统管理员审核通过后，即可使用统一社会信用代码或手机号登录。</Notice>
        <Link to="/login">返回登录</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md rounded-lg border border-stone-300 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-2xl font-bold">企业用户注册</h1>
      <p className="mb-6 text-stone-600">
        注册后可预约合同审查、法律咨询和法律培训
        {approvalRequired ? "（需系统管理员审核后使用）" : ""}。已有账号？
        <Link to="/login">登录</Link>
      </p>
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field
          label="企业名称"
          autoComplete="organization"
          error={form.fieldError("companyName")}
          {...form.register("companyName")}
        />
        <Field
          label="统一社会信用代码"
          hint="18 位，登录时也可用作用户名"
          autoComplete="off"
          maxLength={18}
          error={form.fieldError("uscc")}
          {...form.register("uscc")}
        />
        <Field
          label="联系人姓名"
          autoComplete="name"
          error={form.fieldError("contactName")}
          {...form.register("contactName")}
        />
        <Field
          label="联系人手机号"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          error={form.fieldError("mobile")}
          {...form.register("mobile")}
        />
        <Field
          label="密码"
          type="password"
          autoComplete="new-password"
          hint="至少 8 位，包含大写字母、小写字母、数字、其他字符中的至少三类"
          error={form.fieldError("password")}
          {...form.register("password")}
        />
        <Field
          label="确认密码"
          type="password"
          autoComplete="new-password"
          error={form.fieldError("confirmPassword")}
          {...form.register("confirmPassword")}
        />
        <Button type="submit" className="w-full" disabled={navigation.state !== "idle"}>
          注册
        </Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
