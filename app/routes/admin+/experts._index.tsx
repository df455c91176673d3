import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import { createExpert, expertsWithRatings } from "#app/modules/booking/experts.server.ts";
import { CreateExpertSchema } from "#app/modules/booking/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "法律专家 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ experts: await expertsWithRatings() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, CreateExpertSchema);
  if (!parsed.ok) return badRequest(parsed);
  const r = await createExpert(admin, clientIp(request), parsed.data);
  if (!r.ok) return badRequest({ formError: "未能创建专家账号", fieldErrors: r.fieldErrors });
  // The initial password is shown once, in this answer only (never stored in clear).
  return json({
    ok: true as const,
    username: parsed.data.username,
    password: r.password,
    formError: null,
    fieldErrors: {},
  });
}

export default function AdminExperts() {
  const { experts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(
    CreateExpertSchema,
    actionData && !actionData.ok ? actionData : undefined,
    { intent: "create" },
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">法律专家</h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left">
          <thead>
            <tr className="border-b">
              {["姓名", "用户名", "职称", "机构", "专业领域", "已完成", "评价数", "平均评分"].map(
                (h) => (
                  <th key={h} scope="col" className="py-1">
                    {h}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {experts.map((e) => (
              <tr key={e.id} className="border-b border-stone-200">
                <td className="py-1">
                  <Link to={`/admin/experts/${e.id}`}>{e.name}</Link>
                  {e.active ? "" : "（不接受预约）"}
                </td>
                <td>{e.username}</td>
                <td>{e.title}</td>
                <td>{e.organisation}</td>
                <td>{e.specialties.join("、")}</td>
                <td>{e.completed}</td>
                <td>{e.ratings}</td>
                <td>{e.average === null ? "—" : e.average.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section
        aria-labelledby="new-expert"
        className="max-w-xl rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="new-expert" className="mb-3 text-lg font-semibold">
          新增专家
        </h2>
        {actionData?.ok ? (
          <Notice>
            已创建专家账号 {actionData.username}，初始密码：<code>{actionData.password}</code>
            （仅显示一次，首次登录须修改）。
          </Notice>
        ) : null}
        <FormError message={actionData && !actionData.ok ? actionData.formError : null} />
        <Form method="post" noValidate onSubmit={form.onSubmit}>
          <input type="hidden" {...form.register("intent")} />
          <Field
            label="用户名"
            error={form.fieldError("username")}
            {...form.register("username")}
          />
          <Field label="姓名" error={form.fieldError("name")} {...form.register("name")} />
          <Field label="职称" error={form.fieldError("title")} {...form.register("title")} />
          <Field
            label="所在机构"
            error={form.fieldError("organisation")}
            {...form.register("organisation")}
          />
          <Field
            label="专业领域"
            hint="用顿号或逗号分隔，如：合同、劳动用工、数据合规"
            error={form.fieldError("specialties")}
            {...form.register("specialties")}
          />
          <Field label="简介" error={form.fieldError("bio")} {...form.register("bio")} />
          <Button type="submit">创建专家账号</Button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
