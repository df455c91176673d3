import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MonthCalendar } from "#app/components/booking/month-calendar.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { slotsForReschedule } from "#app/modules/booking/bookings.server.ts";
import { MonthQuerySchema, monthView } from "#app/modules/booking/calendar.ts";
import { ProposeSchema } from "#app/modules/booking/calendar-schemas.ts";
import { proposeTime } from "#app/modules/booking/proposals.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { beijingInstant, idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "建议新时间 - 法治学堂" }];
const Query = MonthQuerySchema.extend({ slot: beijingInstant("新时间").optional() });

// The expert proposes another free slot of his own for a pending or confirmed booking.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const id = idField().safeParse(params.id);
  const b = id.success ? await getBookingFor(user, id.data) : null;
  if (!b) throw new Response("预约不存在", { status: 404 });
  if (b.status !== "REQUESTED" && b.status !== "CONFIRMED")
    throw new Response("只有待确认或已确认的预约可以建议新时间", { status: 409 });
  const q = parseQuery(request, Query);
  if (!q.success) throw new Response("日期或时间参数无效", { status: 400 });
  const now = Date.now();
  const s = await consultSettings();
  const own = b.startAt.getTime();
  const days = (await slotsForReschedule(b.expert.id, b, now))
    .map((d) => ({ ...d, slots: d.slots.filter((x) => x !== own) }))
    .filter((d) => d.slots.length > 0);
  const slot = q.data.slot ?? null;
  return json({
    booking: { id: b.id, topic: b.topic, startAt: b.startAt },
    view: monthView(days, now, s.horizonDays, q.data),
    slot: slot !== null && days.some((d) => d.slots.includes(slot)) ? slot : null,
    slotMinutes: Math.round((b.endAt.getTime() - own) / 60_000),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("预约不存在", { status: 404 });
  const parsed = await parseForm(request, ProposeSchema);
  if (!parsed.ok) return badRequest(parsed);
  const r = await proposeTime(user, id.data, parsed.data.slot, clientIp(request));
  if (!r.ok) return json({ ok: false as const, formError: r.message }, { status: r.status });
  return redirect(`/consult/bookings/${id.data}?notice=proposed`);
}

const when = (v: string | number) => formatDateTime(v).slice(0, 16);

export default function ProposePage() {
  const { booking, view, slot, slotMinutes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/consult/bookings/${booking.id}/propose`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">建议新时间</h1>
      <p>
        「{booking.topic}」当前时间：{when(booking.startAt)}（北京时间） ·{" "}
        <Link to={`/consult/bookings/${booking.id}`}>返回预约详情</Link>
      </p>
      <FormError message={result && "formError" in result ? result.formError : null} />
      {slot !== null ? (
        <Form method="post" className="space-y-3 rounded border border-stone-300 bg-white p-3">
          <input type="hidden" name="intent" value="propose" />
          <input type="hidden" name="slot" value={slot} />
          <p>
            向企业建议改到 <strong>{when(slot)}</strong>（北京时间）？企业接受后预约改到新时间。
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit">发送建议</Button>
            <Link to={base} className="rounded border border-stone-400 px-4 py-2">
              重新选择
            </Link>
          </div>
        </Form>
      ) : (
        <MonthCalendar
          view={view}
          slotMinutes={slotMinutes}
          hrefFor={(month, day) =>
            `${base}?${new URLSearchParams({ month, ...(day ? { day } : {}) })}`
          }
          slotHref={(s) => `${base}?month=${view.month}&slot=${s}`}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
