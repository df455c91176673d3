import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ExpertStep, Steps, TypeStep } from "#app/components/booking/booking-steps.tsx";
import { MonthCalendar } from "#app/components/booking/month-calendar.tsx";
import { DetailsForm } from "#app/components/booking/details-form.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import {
  allSpecialties,
  expertCalendar,
  getExpertCard,
  listBookableExperts,
} from "#app/modules/booking/experts.server.ts";
import { enterpriseContact } from "#app/modules/booking/enterprise.server.ts";
import { requireEnterprise } from "#app/modules/booking/guard.server.ts";
import { BOOKING_TYPES, BookingSchema } from "#app/modules/booking/schemas.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { MonthQuerySchema, monthView } from "#app/modules/booking/calendar.ts";
import { computeSlots } from "#app/modules/booking/slots.ts";
import { typeLabel } from "#app/modules/booking/state.ts";
import { checkAndStore, isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseFormData, readForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { beijingInstant, idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "预约专家服务 - 法治学堂" }];

const StepSchema = z
  .object({
    type: z.enum(BOOKING_TYPES).optional(),
    specialty: z.string().max(20).optional().default(""),
    expert: idField().optional(),
    slot: beijingInstant("时段").optional(),
  })
  .extend(MonthQuerySchema.shape);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  await requireEnterprise(request, user);
  const q = parseQuery(request, StepSchema);
  if (!q.success) throw new Response("预约参数无效", { status: 400 });
  const { type, specialty, expert: expertId, slot, month, day } = q.data;
  const s = await consultSettings();
  if (!type) return json({ step: 0 as const });
  if (type === "CONTRACT_REVIEW") throw redirect("/consult/review/new"); // document work, no slot
  if (!expertId)
    return json({
      step: 1 as const,
      type,
      specialty,
      experts: await listBookableExperts(specialty),
      specialties: await allSpecialties(),
    });
  const expert = await getExpertCard(expertId);
  if (!expert) throw new Response("该专家不存在或已停止接受预约", { status: 404 });
  const now = Date.now();
  if (!slot) {
    const cal = await expertCalendar(expertId, now);
    const days = cal ? computeSlots(cal, s, now) : [];
    const view = monthView(days, now, s.horizonDays, { month, day });
    return json({ step: 2 as const, type, expert, view });
  }
  const contact = await enterpriseContact(user.id);
  return json({
    step: 3 as const,
    type,
    expert,
    slot,
    contact: { name: contact.contactName, mobile: contact.contactMobile },
    limits: { maxFileMb: s.maxFileMb, maxFiles: s.maxFiles },
  });
}

const fail = (status: number, formError: string, fieldErrors: Record<string, string> = {}) =>
  json({ ok: false as const, formError, fieldErrors }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const enterprise = await requireEnterprise(request, user);
  // The upload's limits need the settings before the form is read; a form without files gets
  // them with the booking check's read inside createBooking (one statement fewer).
  const s = isMultipart(request) ? await consultSettings() : undefined;
  const upload = s
    ? await readUploadForm(request, s)
    : { ok: true as const, form: await readForm(request), files: [] };
  if (!upload.ok) return fail(upload.status, upload.message, { files: upload.message });
  if (!upload.form) return fail(400, "无法读取提交的表单");
  const parsed = parseFormData(upload.form, BookingSchema);
  if (!parsed.ok) return fail(400, parsed.formError ?? "请按提示修改后再提交", parsed.fieldErrors);
  if (parsed.data.type === "CONTRACT_REVIEW" && upload.files.length === 0)
    return fail(400, "合同审查需上传合同文件", { files: "合同审查需上传合同文件" });
  const stored = checkAndStore(upload.files);
  if (!stored.ok) return fail(stored.status, stored.message, { files: stored.message });
  const result = await createBooking(
    user,
    enterprise.id,
    parsed.data,
    stored.stored,
    clientIp(request),
    new Date(),
    s,
  );
  if (!result.ok) return fail(result.status, result.message);
  return redirect(`/consult/bookings/${result.id}?notice=created`);
}

export default function NewBooking() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">预约专家服务</h1>
      <Steps current={data.step} />
      {data.step === 0 ? <TypeStep /> : null}
      {data.step === 1 ? (
        <>
          <p>
            服务类型：{typeLabel(data.type)} · <Link to="/consult/new">重新选择</Link>
          </p>
          <ExpertStep
            type={data.type}
            experts={data.experts}
            specialties={data.specialties}
            specialty={data.specialty}
          />
        </>
      ) : null}
      {data.step === 2 ? (
        <>
          <p>
            {typeLabel(data.type)} · {data.expert.name}（{data.expert.title}） ·{" "}
            <Link to={`/consult/new?type=${data.type}`}>换一位专家</Link>
          </p>
          <MonthCalendar
            view={data.view}
            slotMinutes={data.expert.slotMinutes}
            // The values need no escaping (a type name, an id, YYYY-MM, YYYY-MM-DD): one string
            // per link instead of a URLSearchParams (up to 31 a page).
            hrefFor={(month, day) =>
              `/consult/new?type=${data.type}&expert=${data.expert.id}&month=${month}${day ? `&day=${day}` : ""}`
            }
            slotHref={(slot) =>
              `/consult/new?type=${data.type}&expert=${data.expert.id}&slot=${slot}`
            }
          />
        </>
      ) : null}
      {data.step === 3 ? (
        <>
          <dl className="grid max-w-2xl grid-cols-[6rem_1fr] gap-y-1 rounded border border-stone-300 bg-white p-3">
            <dt className="text-stone-600">服务类型</dt>
            <dd>{typeLabel(data.type)}</dd>
            <dt className="text-stone-600">专家</dt>
            <dd>
              {data.expert.name}（{data.expert.title}）
            </dd>
            <dt className="text-stone-600">时间</dt>
            <dd>
              {formatDateTime(data.slot).slice(0, 16)}（北京时间） ·{" "}
              <Link to={`/consult/new?type=${data.type}&expert=${data.expert.id}`}>换个时段</Link>
            </dd>
          </dl>
          <DetailsForm
            type={data.type}
            expertId={data.expert.id}
            slot={data.slot}
            contact={data.contact}
            limits={data.limits}
            server={actionData}
          />
        </>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
