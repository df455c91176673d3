import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ReviewForm } from "#app/components/booking/review-form.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { enterpriseContact } from "#app/modules/booking/enterprise.server.ts";
import { listBookableExperts } from "#app/modules/booking/experts.server.ts";
import { requireEnterprise } from "#app/modules/booking/guard.server.ts";
import { createReview, REVIEW_HORIZON_DAYS } from "#app/modules/booking/review.server.ts";
import { ReviewRequestSchema } from "#app/modules/booking/schemas.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import { checkAndStore, isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseFormData, parseQuery, readForm } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "申请合同审查 - 法治学堂" }];

const QuerySchema = z.object({ expert: idField().optional() }).strict();

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  await requireEnterprise(request, user);
  const q = parseQuery(request, QuerySchema);
  if (!q.success) throw new Response("参数无效", { status: 400 });
  const [experts, contact, s] = await Promise.all([
    listBookableExperts(),
    enterpriseContact(user.id),
    consultSettings(),
  ]);
  const today = beijingDay(Date.now());
  const max = new Date(Date.parse(`${today}T00:00:00Z`) + REVIEW_HORIZON_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return json({
    experts: experts.map(({ id, name, title, specialties }) => ({ id, name, title, specialties })),
    expertId: q.data.expert ?? null,
    contact: { name: contact.contactName, mobile: contact.contactMobile },
    limits: { maxFileMb: s.maxFileMb, maxFiles: s.maxFiles },
    dates: { min: today, max },
  });
}

/** What the user typed comes back after a refusal (never the files: a browser cannot be given one). */
const Echo = z.object({
  expertId: z.string().max(20).optional().catch(undefined),
  topic: z.string().max(2000).optional().catch(undefined),
  description: z.string().max(2000).optional().catch(undefined),
  wishDate: z.string().max(20).optional().catch(undefined),
  contactName: z.string().max(200).optional().catch(undefined),
  contactMobile: z.string().max(40).optional().catch(undefined),
});
const fail = (
  status: number,
  formError: string | null,
  fieldErrors: Record<string, string> = {},
  form?: FormData,
) => {
  const echoed = form ? parseFormData(form, Echo) : null;
  const values: Record<string, string> = {};
  if (echoed?.ok)
    for (const [k, v] of Object.entries(echoed.data)) if (typeof v === "string") values[k] = v;
  return json({ ok: false as const, formError, fieldErrors, values }, { status });
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const enterprise = await requireEnterprise(request, user);
  const s = await consultSettings();
  const upload = isMultipart(request)
    ? await readUploadForm(request, s)
    : { ok: true as const, form: await readForm(request), files: [] };
  if (!upload.ok) return fail(upload.status, upload.message, { files: upload.message });
  if (!upload.form) return fail(400, "无法读取提交的表单");
  const parsed = parseFormData(upload.form, ReviewRequestSchema);
  const noFile: Record<string, string> =
    upload.files.length === 0 ? { files: "请上传需要审查的合同（PDF 或 DOCX）" } : {};
  if (!parsed.ok)
    return fail(
      400,
      parsed.formError ?? "请按提示修改后再提交",
      { ...parsed.fieldErrors, ...noFile },
      upload.form,
    );
  if (upload.files.length === 0) return fail(400, "请按提示修改后再提交", noFile, upload.form);
  const stored = checkAndStore(upload.files);
  if (!stored.ok)
    return fail(stored.status, stored.message, { files: stored.message }, upload.form);
  const r = await createReview(user, enterprise.id, parsed.data, stored.stored, clientIp(request));
  if (!r.ok) {
    const field: Record<string, string> = r.message.includes("期望完成日期")
      ? { wishDate: r.message }
      : {};
    return fail(r.status, r.message, field, upload.form);
  }
  return redirect(`/consult/bookings/${r.id}?notice=review-created`);
}

export default function NewReview() {
  const data = useLoaderData<typeof loader>();
  const server = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">申请合同审查</h1>
      <p className="max-w-2xl text-stone-700">
        合同审查是书面服务，无需预约时段：上传合同、说明审查目的和期望完成日期，专家受理时会承诺完成日期，
        完成后在预约详情中出具书面意见。需要当面或线上交流，请
        <Link to="/consult/new">预约法律咨询</Link>。
      </p>
      {data.experts.length === 0 ? (
        <p role="status">目前没有可受理合同审查的专家，请稍后再试。</p>
      ) : (
        <ReviewForm {...data} server={server} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
