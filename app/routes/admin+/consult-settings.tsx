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
import { ConsultSettingsSchema } from "#app/modules/booking/schemas.ts";
import { consultSettings, saveConsultSettings } from "#app/modules/booking/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "预约设置 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json(await consultSettings());
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, ConsultSettingsSchema);
  if (!parsed.ok) return badRequest(parsed);
  await saveConsultSettings(admin, clientIp(request), {
    ...parsed.data,
    approvalRequired: parsed.data.approvalRequired === "on",
  });
  return redirect("/admin/consult-settings?saved=1");
}

const NUMBERS = [
  ["leadHours", "最短提前预约（小时）"],
  ["horizonDays", "可预约范围（天）"],
  ["cancelCutoffHours", "开始前多少小时内不能取消或改期"],
  ["maxActive", "每个企业进行中的预约上限"],
  ["maxFileMb", "单个文件上限（MB，最多 10）"],
  ["maxFiles", "每个预约的文件数上限（最多 5）"],
  ["retentionDays", "预约结束后文件保存天数"],
  ["reviewCapacity", "每位专家同时办理的合同审查上限（件）"],
] as const;

export default function ConsultSettingsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { approvalRequired, ...numbers } = data;
  const form = useValidatedForm(ConsultSettingsSchema, actionData, {
    ...numbers,
    approvalRequired: approvalRequired ? "on" : undefined,
  });
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="mb-4 text-2xl font-bold">预约设置</h1>
      {params.get("saved") ? <Notice>设置已保存。</Notice> : null}
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <div className="mb-4 flex items-center gap-2">
          <input
            id="approvalRequired"
            type="checkbox"
            value="on"
            {...form.register("approvalRequired")}
          />
          <label htmlFor="approvalRequired">
            企业注册后须经系统管理员审核才能使用（默认关闭：注册后即可使用）
          </label>
        </div>
        {NUMBERS.map(([name, label]) => (
          <Field
            key={name}
            label={label}
            type="number"
            inputMode="numeric"
            error={form.fieldError(name)}
            {...form.register(name)}
          />
        ))}
        <Button type="submit">保存</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
