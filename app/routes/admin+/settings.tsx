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
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import { AnnualHoursSchema } from "#app/modules/learning/schemas.ts";
import {
  annualCreditHours,
  certificateIssuer,
  setAnnualCreditHours,
} from "#app/modules/learning/settings.server.ts";
import {
  remindDaysBefore,
  setRemindDaysBefore,
} from "#app/modules/assignments/remind-due.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "系统设置 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({
    annualCreditHours: await annualCreditHours(),
    certificateIssuer: await certificateIssuer(),
    remindDaysBefore: await remindDaysBefore(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, AnnualHoursSchema);
  if (!parsed.ok) return badRequest(parsed);
  await setAnnualCreditHours(
    admin,
    clientIp(request),
    parsed.data.annualCreditHours,
    parsed.data.certificateIssuer,
  );
  if (parsed.data.remindDaysBefore !== undefined)
    await setRemindDaysBefore(admin, clientIp(request), parsed.data.remindDaysBefore);
  return redirect("/admin/settings?saved=1");
}

export default function SettingsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(AnnualHoursSchema, actionData, {
    annualCreditHours: data.annualCreditHours,
    certificateIssuer: data.certificateIssuer,
    remindDaysBefore: data.remindDaysBefore,
  });
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="mb-4 text-2xl font-bold">系统设置</h1>
      {params.get("saved") ? <Notice>设置已保存。</Notice> : null}
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field
          label="年度学时要求"
          type="number"
          inputMode="decimal"
          step="0.5"
          hint="工作人员每个自然年应获得的学时，“我的学习”按此显示进度。"
          error={form.fieldError("annualCreditHours")}
          {...form.register("annualCreditHours")}
        />
        <Field
          label="证书颁发单位"
          hint="印在结业证书和年度学时证明上，如“鞍山市数据局”。"
          error={form.fieldError("certificateIssuer")}
          {...form.register("certificateIssuer")}
        />
        <Field
          label="学习任务到期提醒（截止前天数）"
          type="number"
          inputMode="numeric"
          step="1"
          hint="截止日期前这么多天，系统自动提醒尚未完成的人员（需在服务器上每天运行 npm run assignments:remind）；填 0 不发送。"
          error={form.fieldError("remindDaysBefore")}
          {...form.register("remindDaysBefore")}
        />
        <Button type="submit">保存</Button>
      </Form>
      <p className="mt-4">
        <Link to="/admin/exam-settings">年度学法考试设置（题量、时长、及格分、次数）</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
