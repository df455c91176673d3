import type { LoaderFunctionArgs } from "@remix-run/node";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { attachmentDisposition } from "#app/modules/booking/files.server.ts";
import { buildIcs, icsMeeting } from "#app/modules/booking/ics.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { MODE_LABELS, typeLabel } from "#app/modules/booking/state.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";

// The calendar file of a confirmed booking, for its enterprise, its expert and ADMIN.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = idField().safeParse(params.id);
  const b = id.success ? await getBookingFor(user, id.data) : null;
  if (!b) throw new Response("预约不存在", { status: 404 });
  if (b.status !== "CONFIRMED") throw new Response("只有已确认的预约可以加入日历", { status: 404 });
  const ics = buildIcs({
    uid: `booking-${b.id}@fzxt.local`,
    start: b.startAt,
    end: b.endAt,
    summary: `${typeLabel(b.type)}：${b.topic}`,
    ...icsMeeting(
      b,
      `专家：${b.expert.user.name}（${b.expert.title}）\n企业：${b.enterprise.name}\n联系人：${b.contactName} ${b.contactMobile}`,
      b.mode ? MODE_LABELS[b.mode] : undefined,
    ),
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`预约-${b.id}.ics`, "ics"),
    },
  });
}
