import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  CancelPanel,
  ExpertPanels,
  RatePanel,
  ReschedulePanel,
} from "#app/components/booking/booking-actions.tsx";
import { BookingSummary } from "#app/components/booking/booking-summary.tsx";
import { MeetingPanel, ProposalPanel } from "#app/components/booking/calendar-panels.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Notice } from "#app/components/ui/field.tsx";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { slotsForReschedule } from "#app/modules/booking/bookings.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import {
  CancelSchema,
  CompleteSchema,
  ConfirmSchema,
  DeclineSchema,
  NoShowSchema,
  RateSchema,
  RescheduleSchema,
} from "#app/modules/booking/schemas.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import {
  changeBooking,
  rateBooking,
  type Change,
} from "#app/modules/booking/transitions.server.ts";
import { checkAndStore, isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm, parseIntentForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "预约详情 - 法治学堂" }];
const Id = idField();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = Id.safeParse(params.id);
  const booking = id.success ? await getBookingFor(user, id.data) : null;
  if (!booking) throw new Response("预约不存在", { status: 404 });
  const now = Date.now();
  const active = booking.status === "REQUESTED" || booking.status === "CONFIRMED";
  const s = await consultSettings();
  const canChange =
    user.role === "ENTERPRISE" &&
    active &&
    booking.startAt.getTime() - now >= s.cancelCutoffHours * 3600_000;
  return json({
    role: user.role,
    booking,
    started: booking.startAt.getTime() <= now,
    cutoffHours: s.cancelCutoffHours,
    canChange,
    reschedule: canChange ? await slotsForReschedule(booking.expert.id, booking, now) : [],
  });
}

const SCHEMAS = {
  confirm: ConfirmSchema,
  decline: DeclineSchema,
  cancel: CancelSchema,
  "no-show": NoShowSchema,
  complete: CompleteSchema,
  reschedule: RescheduleSchema,
  rate: RateSchema,
} as const;
type Intent = keyof typeof SCHEMAS;

const fail = (
  intent: string,
  status: number,
  formError: string | null,
  fieldErrors: Record<string, string> = {},
) => json({ ok: false as const, intent, formError, fieldErrors }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = Id.safeParse(params.id);
  if (!id.success) throw new Response("预约不存在", { status: 404 });
  // Only the expert's opinion carries a file (one returned file).
  const upload = isMultipart(request)
    ? await readUploadForm(request, { maxFileMb: (await consultSettings()).maxFileMb, maxFiles: 1 })
    : { ok: true as const, form: await readForm(request), files: [] };
  if (!upload.ok) return fail("complete", upload.status, upload.message, { files: upload.message });
  if (!upload.form) return fail("", 400, "无法读取提交的表单");
  const parsed = parseIntentForm(upload.form, SCHEMAS);
  const intent = parsed.intent;
  if (!parsed.ok) return fail(intent, 400, parsed.formError, parsed.fieldErrors);
  const data = parsed.data as z.output<(typeof SCHEMAS)[Intent]>;
  const ip = clientIp(request);
  if (data.intent === "rate") {
    const r = await rateBooking(user, id.data, data.score, data.comment, ip);
    return r.ok
      ? redirect(`/consult/bookings/${id.data}?notice=rated`)
      : fail(intent, r.status, r.message);
  }
  let change: Change;
  if (data.intent === "complete") {
    if (upload.files.length > 0 && user.role !== "EXPERT")
      return fail(intent, 400, "只有专家可以上传返还文件");
    const stored = checkAndStore(upload.files);
    if (!stored.ok) return fail(intent, stored.status, stored.message, { files: stored.message });
    change = { action: "complete", opinion: data.opinion, file: stored.stored[0] ?? null };
  } else if (upload.files.length > 0) {
    return fail(intent, 400, "此操作不接受文件");
  } else if (data.intent === "decline" || data.intent === "cancel") {
    change = { action: data.intent, reason: data.reason };
  } else if (data.intent === "reschedule") {
    change = { action: "reschedule", slot: data.slot };
  } else {
    change = { action: data.intent };
  }
  const r = await changeBooking(user, id.data, change, ip);
  return r.ok
    ? redirect(`/consult/bookings/${id.data}?notice=${intent}`)
    : fail(intent, r.status, r.message);
}

const NOTICES: Record<string, string> = {
  created: "预约已提交，等待专家确认。",
  confirm: "已确认预约。",
  decline: "已拒绝预约。",
  cancel: "预约已取消。",
  complete: "已提交意见，咨询完成。",
  "no-show": "已标记为未到场。",
  reschedule: "已改期，等待专家重新确认。",
  rated: "感谢您的评价。",
  proposed: "已向企业建议新时间，等待答复。",
  accepted: "已接受新时间，预约已确认。",
  "proposal-declined": "已拒绝新时间，预约保持原时间。",
  meeting: "会议信息已保存。",
};

export default function BookingPage() {
  const { role, booking, started, cutoffHours, canChange, reschedule } =
    useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">预约详情</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <BookingSummary booking={booking} />
      <ProposalPanel booking={booking} role={role} />
      <MeetingPanel booking={booking} role={role} />
      {role === "EXPERT" ? (
        <ExpertPanels status={booking.status} started={started} errors={errors} />
      ) : null}
      {role === "ENTERPRISE" && canChange ? (
        <div className="grid gap-4 md:grid-cols-2">
          <CancelPanel errors={errors} note={`开始前 ${cutoffHours} 小时以内不能取消或改期。`} />
          <ReschedulePanel days={reschedule} errors={errors} />
        </div>
      ) : null}
      {role === "ENTERPRISE" &&
      !canChange &&
      (booking.status === "REQUESTED" || booking.status === "CONFIRMED") ? (
        <p className="text-sm text-stone-600">
          距开始已不足 {cutoffHours} 小时，不能在线取消或改期；如有变化请直接联系专家。
        </p>
      ) : null}
      {role === "ENTERPRISE" && booking.status === "COMPLETED" && booking.ratingScore === null ? (
        <RatePanel errors={errors} />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
