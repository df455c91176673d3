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
import { examSettings, setExamSettings } from "#app/modules/learning/exam.server.ts";
import { examWindow } from "#app/modules/learning/exam-window.server.ts";
import { ExamSettingsSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "年度考试设置 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ ...(await examSettings()), ...(await examWindow()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, ExamSettingsSchema);
  if (!parsed.ok) return badRequest(parsed);
  await setExamSettings(admin, clientIp(request), parsed.data);
  return redirect("/admin/exam-settings?saved=1");
}

export default function ExamSettingsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(ExamSettingsSchema, actionData, data);
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-stone-300 bg-white p-6">
      <p className="mb-2">
        <Link to="/admin/settings">← 系统设置</Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">年度学法考试设置</h1>
      {params.get("saved") ? <Notice>设置已保存，下一次开始的考试按新设置进行。</Notice> : null}
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field
          label="题量"
          type="number"
          inputMode="numeric"
          hint="从全部工作人员课程的题库中随机抽取的题目数。"
          error={form.fieldError("examQuestions")}
          {...form.register("examQuestions")}
        />
        <Field
          label="考试时长（分钟）"
          type="number"
          inputMode="numeric"
          error={form.fieldError("examMinutes")}
          {...form.register("examMinutes")}
        />
        <Field
          label="及格分"
          type="number"
          inputMode="numeric"
          hint="百分制。"
          error={form.fieldError("examPassMark")}
          {...form.register("examPassMark")}
        />
        <Field
          label="每年可考次数"
          type="number"
          inputMode="numeric"
          error={form.fieldError("examAttempts")}
          {...form.register("examAttempts")}
        />
        <Field
          label="考试开放日期"
          type="date"
          hint="北京时间，当天 0 点起可以开始考试；留空表示不限。"
          error={form.fieldError("examOpensOn")}
          {...form.register("examOpensOn")}
        />
        <Field
          label="考试截止日期"
          type="date"
          hint="北京时间，当天 24 点后不能再开始考试（已开始的可以答完）；留空表示不限。"
          error={form.fieldError("examClosesOn")}
          {...form.register("examClosesOn")}
        />
        <Button type="submit">保存</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
