import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { approveEnterprise, listEnterprises } from "#app/modules/booking/enterprise.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "企业用户 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  return json({ enterprises: await listEnterprises("") });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(
    request,
    z.object({ intent: z.literal("approve"), id: idField() }).strict(),
  );
  if (!parsed.ok) return badRequest(parsed);
  const ok = await approveEnterprise(admin, clientIp(request), parsed.data.id);
  return ok ? redirect("/admin/enterprises") : badRequest({ formError: "该企业不在待审核状态" });
}

export default function AdminEnterprises() {
  const { enterprises } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">企业用户</h1>
      <p className="text-sm text-stone-600">
        是否需要审核在“预约设置”中设定（默认注册后即可使用）。
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[40rem] text-left">
          <thead>
            <tr className="border-b">
              {["企业名称", "统一社会信用代码", "联系人", "手机号", "注册时间", "状态"].map((h) => (
                <th key={h} scope="col" className="py-1">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {enterprises.map((e) => (
              <tr key={e.id} className="border-b border-stone-200">
                <td className="py-1">{e.name}</td>
                <td>{e.uscc}</td>
                <td>{e.contactName}</td>
                <td>{e.contactMobile}</td>
                <td>{formatDateTime(e.createdAt).slice(0, 16)}</td>
                <td>
                  {e.status === "PENDING" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="approve" />
                      <input type="hidden" name="id" value={e.id} />
                      <Button type="submit" aria-label={`审核通过 ${e.name}`}>
                        审核通过
                      </Button>
                    </Form>
                  ) : (
                    "已启用"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
