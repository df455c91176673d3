import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import { ProfileSchema } from "#app/modules/auth/schemas.ts";
import { getProfile, updateProfile } from "#app/modules/users/account.server.ts";
import { requireUser } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { roleLabel } from "#app/utils/roles.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "个人资料 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ profile: await getProfile(user.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseForm(request, ProfileSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await updateProfile(user, clientIp(request), parsed.data);
  if (!result.ok) return badRequest({ formError: "资料未保存", fieldErrors: result.fieldErrors });
  return redirect("/account/profile?saved=1");
}

export default function ProfilePage() {
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(ProfileSchema, actionData, {
    name: profile.name,
    mobile: profile.mobile ?? "",
    email: profile.email ?? "",
  });
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="mb-4 text-2xl font-bold">个人资料</h1>
      {params.get("saved") ? <Notice>资料已保存。</Notice> : null}
      <dl className="mb-6 grid grid-cols-[6rem_1fr] gap-y-2">
        <dt className="text-stone-600">用户名</dt>
        <dd>{profile.username}</dd>
        <dt className="text-stone-600">角色</dt>
        <dd>{roleLabel(profile.role)}</dd>
        <dt className="text-stone-600">所属单位</dt>
        <dd>{profile.orgUnit?.name ?? "—"}</dd>
      </dl>
      <p className="mb-4 text-sm text-stone-600">角色和所属单位由系统管理员维护。</p>
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field
          label="姓名"
          autoComplete="name"
          error={form.fieldError("name")}
          {...form.register("name")}
        />
        <Field
          label="手机号（可选）"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          error={form.fieldError("mobile")}
          {...form.register("mobile")}
        />
        <Field
          label="邮箱（可选，用于接收学习提醒）"
          type="email"
          autoComplete="email"
          error={form.fieldError("email")}
          {...form.register("email")}
        />
        <Button type="submit">保存</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
