import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { ATTENDEE_ROLES, staffEvents } from "#app/modules/events/events.server.ts";
import { label, SIGNUP_LABELS } from "#app/modules/events/labels.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "讲座研讨 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const now = new Date();
  const events = await staffEvents(user, now);
  return json({
    now: now.getTime(),
    events: events.map((e) => ({
      id: e.id,
      kind: kindLabel(e.kind),
      title: e.title,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      place: [e.room, e.meetingUrl ? "线上" : null].filter(Boolean).join(" / "),
      creditHours: e.creditHours,
      seatsLeft: Math.max(0, e.capacity - e.confirmed),
      mine: label(SIGNUP_LABELS, e.myStatus),
      attended: e.attendedAt !== null,
      cancelled: e.cancelledAt !== null,
    })),
  });
}

export default function EventsPage() {
  const { events, now } = useLoaderData<typeof loader>();
  const onClick = useDelegatedLinks();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">讲座与案例研讨</h1>
      <p className="text-stone-700">
        专题讲座、案例研讨和法律培训：报名后按时参加并签到，即可获得相应学时。
      </p>
      {events.length === 0 ? (
        <p className="rounded border border-stone-300 bg-white p-4">
          目前没有面向您的活动。活动发布后会显示在这里和首页上。
        </p>
      ) : (
        // Plain links with one click handler (useDelegatedLinks): a <Link> each cost 6 % of the page.
        <ul className="space-y-3" aria-label="活动列表" onClick={onClick}>
          {events.map((e) => {
            const over = new Date(e.endsAt).getTime() < now;
            return (
              <li key={e.id} className="rounded border border-stone-300 bg-white p-4">
                <p className="text-sm text-stone-600">
                  {e.kind} · {e.creditHours} 学时
                  {e.cancelled ? (
                    <strong className="text-red-800"> · 已取消</strong>
                  ) : over ? (
                    " · 已结束"
                  ) : (
                    ""
                  )}
                </p>
                <h2 className="text-lg font-semibold break-words">
                  <a data-discover="true" href={`/events/${e.id}`}>
                    {e.title}
                  </a>
                </h2>
                <p className="break-words">
                  {formatDateTime(e.startsAt).slice(0, 16)} 至{" "}
                  {formatDateTime(e.endsAt).slice(11, 16)}
                  {e.place ? ` · ${e.place}` : ""}
                </p>
                <p className="text-sm">
                  {e.cancelled ? (
                    "活动已取消，无需参加"
                  ) : e.attended ? (
                    <strong className="text-green-800">已签到</strong>
                  ) : e.mine ? (
                    <strong>{e.mine}</strong>
                  ) : over ? null : e.seatsLeft > 0 ? (
                    `剩余名额 ${e.seatsLeft}`
                  ) : (
                    "名额已满，可报名候补"
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
