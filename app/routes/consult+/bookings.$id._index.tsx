import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  CancelForm,
  ExpertPanels,
  RescheduleForm,
} from "#app/components/booking/booking-actions.tsx";
import { BookingSummary } from "#app/components/booking/booking-summary.tsx";
import { MeetingPanel, ProposalPanel } from "#app/components/booking/calendar-panels.tsx";
import { BookingTimeline } from "#app/components/booking/booking-timeline.tsx";
import { ConfirmDialog } from "#app/components/booking/confirm-dialog.tsx";
import { StarRating } from "#app/components/booking/star-rating.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Notice } from "#app/components/ui/field.tsx";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { slotsForReschedule } from "#app/modules/booking/bookings.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { REVIEW_HORIZON_DAYS } from "#app/modules/booking/review.server.ts";
import {
  AcceptSchema,
  CancelSchema,
  CompleteSchema,
  ConfirmSchema,
  DeclineSchema,
  NoShowSchema,
  RATING_COMMENT_MAX,
  RateSchema,
  RescheduleSchema,
} from "#app/modules/booking/schemas.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import { bookingKind } from "#app/modules/booking/state.ts";
import { timeline } from "#app/modules/booking/timeline.ts";
import {
  changeBooking,
  rateBooking,
  type Change,
} from "#app/modules/booking/transitions.server.ts";
import { checkAndStore, isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { markReadByLink } from "#app/modules/notifications/notifications.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm, parseIntentForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "预约详情 - 法治学堂" }];
const Id = idField();
/** `?do=cancel|reschedule`: the confirmation as its own page when JavaScript is off. */
const PageQuery = z.object({
  do: z.enum(["cancel", "reschedule"]).optional(),
  notice: z.string().max(30).optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = Id.safeParse(params.id);
  const booking = id.success ? await getBookingFor(user, id.data) : null;
  if (!booking) throw new Response("预约不存在", { status: 404 });
  const query = parseQuery(request, PageQuery);
  if (!query.success) throw new Response("参数无效", { status: 400 });
  // Opening the booking reads its notices, for this user only.
  await markReadByLink(user.id, `/consult/bookings/${booking.id}`);
  const now = Date.now();
  const review = bookingKind(booking) === "REVIEW";
  const active = booking.status === "REQUESTED" || booking.status === "CONFIRMED";
  const s = await consultSettings();
  const canChange =
    user.role === "ENTERPRISE" &&
    active &&
    !review &&
    booking.startAt.getTime() - now >= s.cancelCutoffHours * 3600_000;
  const canCancelReview = user.role === "ENTERPRISE" && review && booking.status === "REQUESTED";
  const today = beijingDay(now);
  const max = new Date(Date.parse(`${today}T00:00:00Z`) + REVIEW_HORIZON_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return json({
    role: user.role,
    booking,
    review,
    steps: timeline(booking, now),
    started: booking.startAt.getTime() <= now,
    cutoffHours: s.cancelCutoffHours,
    canChange,
    canCancelReview,
    fallback: query.data.do ?? null,
    dates: { min: today, max },
    reschedule: canChange ? await slotsForReschedule(booking.expert.id, booking, now) : [],
  });
}

const SCHEMAS = {
  confirm: ConfirmSchema,
  accept: AcceptSchema,
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
  } else if (data.intent === "accept") {
    change = { action: "accept", promisedDate: data.promisedDate };
  } else {
    change = { action: data.intent };
  }
  const r = await changeBooking(user, id.data, change, ip);
  if (r.ok) return redirect(`/consult/bookings/${id.data}?notice=${intent}`);
  const field: Record<string, string> =
    intent === "accept" && r.message.includes("日期") ? { promisedDate: r.message } : {};
  return fail(intent, r.status, r.message, field);
}

const NOTICES: Record<string, string> = {
  created: "预约已提交，等待专家确认。",
  "review-created": "合同审查申请已提交，等待专家受理。",
  confirm: "已确认预约。",
  accept: "已受理合同审查，企业会看到承诺完成日期。",
  decline: "已拒绝。",
  cancel: "已取消。",
  complete: "已提交意见，服务完成。",
  "no-show": "已标记为未到场。",
  reschedule: "已改期，等待专家重新确认。",
  rated: "感谢您的评价。",
  proposed: "已向企业建议新时间，等待答复。",
  accepted: "已接受新时间，预约已确认。",
  "proposal-declined": "已拒绝新时间，预约保持原时间。",
  meeting: "会议信息已保存。",
};

export default function BookingPage() {
  const d = useLoaderData<typeof loader>();
  const { role, booking, review, cutoffHours, canChange, canCancelReview, fallback } = d;
  const errors = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const here = `/consult/bookings/${booking.id}`;
  const cutoffNote = `开始前 ${cutoffHours} 小时以内不能取消或改期。`;
  // Without JavaScript the confirmation is this page with ?do=…; an error brings it back too.
  if (
    (fallback === "cancel" && (canChange || canCancelReview)) ||
    (fallback === "reschedule" && canChange)
  )
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{fallback === "cancel" ? "取消预约" : "改期"}</h1>
        <p>
          {booking.topic} · <Link to={here}>返回预约详情</Link>
        </p>
        {fallback === "cancel" ? (
          <CancelForm errors={errors} note={review ? undefined : cutoffNote} />
        ) : (
          <RescheduleForm days={d.reschedule} errors={errors} />
        )}
      </div>
    );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">预约详情</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {errors?.formError && (errors.intent === "cancel" || errors.intent === "reschedule") ? (
        <p role="alert" className="rounded border border-red-700 bg-red-50 px-3 py-2 text-red-800">
          {errors.formError}
        </p>
      ) : null}
      <BookingTimeline steps={d.steps} />
      <BookingSummary booking={booking} />
      <ProposalPanel booking={booking} role={role} />
      <MeetingPanel booking={booking} role={role} />
      {role === "EXPERT" || role === "ADMIN" ? (
        <ExpertPanels
          status={booking.status}
          started={d.started}
          errors={errors}
          review={review}
          office={role === "ADMIN"}
          dates={d.dates}
        />
      ) : null}
      {role === "ENTERPRISE" && booking.status === "COMPLETED" && booking.ratingScore === null ? (
        <StarRating
          errors={errors?.intent === "rate" ? errors : undefined}
          maxComment={RATING_COMMENT_MAX}
        />
      ) : null}
      {canChange || canCancelReview ? (
        <section aria-labelledby="more-title" className="space-y-2">
          <h2 id="more-title" className="text-base font-semibold text-stone-700">
            其他操作
          </h2>
          {canChange ? <p className="text-sm text-stone-600">{cutoffNote}</p> : null}
          <div className="flex flex-wrap gap-2">
            {canChange ? (
              <ConfirmDialog
                id="reschedule-dialog"
                label="改期…"
                title="改期"
                fallbackHref={`${here}?do=reschedule`}
              >
                <RescheduleForm days={d.reschedule} errors={errors} />
              </ConfirmDialog>
            ) : null}
            <ConfirmDialog
              id="cancel-dialog"
              label={review ? "撤回申请…" : "取消预约…"}
              title={review ? "撤回合同审查申请" : "取消预约"}
              fallbackHref={`${here}?do=cancel`}
            >
              <CancelForm errors={errors} note={review ? undefined : cutoffNote} />
            </ConfirmDialog>
          </div>
        </section>
      ) : null}
      {role === "ENTERPRISE" &&
      !review &&
      !canChange &&
      (booking.status === "REQUESTED" || booking.status === "CONFIRMED") ? (
        <p className="text-sm text-stone-600">
          距开始已不足 {cutoffHours} 小时，不能在线取消或改期；如有变化请直接联系专家。
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
