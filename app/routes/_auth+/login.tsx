import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { login } from "#app/modules/auth/login.server.ts";
import { LoginSchema } from "#app/modules/auth/schemas.ts";
import { CHANGE_PASSWORD_PATH, getUser } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { safeRedirect } from "#app/utils/safe-redirect.ts";
import { commitSessionCookie, readSessionToken } from "#app/utils/session.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "登录 - 法治学堂" }];

const RedirectQuery = z.object({ redirectTo: z.string().max(2000).optional() });

// Public route (PUBLIC_PATHS in tests/e2e/routes.spec.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(parseQuery(request, RedirectQuery).data?.redirectTo));
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, LoginSchema);
  if (!parsed.ok) return badRequest(parsed);
  const outcome = await login({
    username: parsed.data.username,
    password: parsed.data.password,
    ip: clientIp(request),
    previousToken: await readSessionToken(request),
  });
  if (!outcome.ok)
    return json(
      { ok: false as const, formError: outcome.message, fieldErrors: {} },
      { status: outcome.locked ? 423 : 401 },
    );
  const to = outcome.mustChangePassword
    ? CHANGE_PASSWORD_PATH
    : safeRedirect(parsed.data.redirectTo);
  return redirect(to, {
    headers: { "Set-Cookie": await commitSessionCookie(request, outcome.token) },
  });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const form = useValidatedForm(LoginSchema, actionData);
  const busy = navigation.state !== "idle" && navigation.formAction === "/login";
  return (
    <div className="mx-auto max-w-md rounded-lg border border-stone-300 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-2xl font-bold">登录法治学堂</h1>
      <p className="mb-6 text-stone-600">
        工作人员请使用工号或手机号登录；企业用户可用统一社会信用代码或手机号登录，尚无账号请
        <Link to="/register">注册</Link>。
      </p>
      <FormError message={actionData?.formError} />
      <Form method="post" action="/login" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field
          label="用户名（工号或手机号）"
          autoComplete="username"
          autoFocus
          error={form.fieldError("username")}
          {...form.register("username")}
        />
        <Field
          label="密码"
          type="password"
          autoComplete="current-password"
          error={form.fieldError("password")}
          {...form.register("password")}
        />
        <Button type="submit" className="w-full" disabled={busy}>
          {busy ? "正在登录…" : "登录"}
        </Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
