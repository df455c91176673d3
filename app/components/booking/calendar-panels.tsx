import { Form, Link } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { formatDateTime } from "#app/utils/dates.ts";

// The booking page's pieces of the calendar work (kept out of the route, which another
// feature restructures): the expert's proposal of a new time and the meeting link / dial-in.
type Booking = {
  id: number;
  type: string;
  mode: string | null;
  status: string;
  proposedStart: string | null;
  meetingUrl: string | null;
  meetingDialIn: string | null;
};
const active = (b: Booking) => b.status === "REQUESTED" || b.status === "CONFIRMED";
const when = (v: string) => formatDateTime(v).slice(0, 16);
export const needsMeeting = (b: Pick<Booking, "type" | "mode">) =>
  b.type === "CONSULTATION" && (b.mode === "ONLINE" || b.mode === "PHONE");

/** The enterprise answers a proposal here; the expert sees it pending or proposes one. */
export function ProposalPanel({
  booking: b,
  role,
  error,
}: {
  booking: Booking;
  role: string;
  error?: string | null;
}) {
  if (!active(b)) return null;
  if (role === "EXPERT")
    return (
      <section className="rounded border border-stone-300 bg-white p-3" aria-labelledby="proposal">
        <h2 id="proposal" className="font-semibold">
          调整时间
        </h2>
        {b.proposedStart ? (
          <p>已建议改到 {when(b.proposedStart)}（北京时间），等待企业答复。</p>
        ) : null}
        <Link to={`/consult/bookings/${b.id}/propose`}>
          {b.proposedStart ? "改为建议其他时间" : "建议另一个时间"}
        </Link>
      </section>
    );
  if (role !== "ENTERPRISE" || !b.proposedStart) return null;
  return (
    <section
      className="rounded border-2 border-brand-600 bg-brand-50 p-3"
      aria-labelledby="proposal"
    >
      <h2 id="proposal" className="font-semibold">
        专家建议调整时间
      </h2>
      <p>
        专家建议将本次预约改到 <strong>{when(b.proposedStart)}</strong>（北京时间）。
        接受后预约改到新时间并确认；拒绝则保持原时间。
      </p>
      <FormError message={error} />
      <div className="mt-2 flex flex-wrap gap-2">
        <Form method="post" action={`/consult/bookings/${b.id}/proposal`}>
          <Button type="submit" name="intent" value="accept">
            接受新时间
          </Button>
        </Form>
        <Form method="post" action={`/consult/bookings/${b.id}/proposal`}>
          <Button type="submit" name="intent" value="decline" variant="secondary">
            拒绝，保持原时间
          </Button>
        </Form>
      </div>
    </section>
  );
}

/** The meeting link / dial-in: the enterprise sees it once confirmed; the expert edits it. */
export function MeetingPanel({ booking: b, role }: { booking: Booking; role: string }) {
  if (!needsMeeting(b)) return null;
  const has = Boolean(b.meetingUrl || b.meetingDialIn);
  if (role === "ENTERPRISE" && !has)
    return b.status === "CONFIRMED" || b.status === "REQUESTED" ? (
      <p className="text-sm text-stone-600">会议链接或拨入方式由专家填写，预约确认后显示在这里。</p>
    ) : null;
  return (
    <section className="rounded border border-stone-300 bg-white p-3" aria-labelledby="meeting">
      <h2 id="meeting" className="font-semibold">
        {b.mode === "PHONE" ? "电话拨入" : "线上会议"}
      </h2>
      {b.meetingUrl ? (
        <p className="break-all">
          会议链接：
          <a href={b.meetingUrl} target="_blank" rel="noopener noreferrer nofollow">
            {b.meetingUrl}
          </a>
        </p>
      ) : null}
      {b.meetingDialIn ? <p className="break-all">拨入方式：{b.meetingDialIn}</p> : null}
      {!has ? <p className="text-stone-600">尚未填写会议链接或拨入方式。</p> : null}
      {role === "EXPERT" && active(b) ? (
        <Link to={`/consult/bookings/${b.id}/meeting`}>
          {has ? "修改会议信息" : "填写会议链接或拨入方式"}
        </Link>
      ) : null}
    </section>
  );
}
