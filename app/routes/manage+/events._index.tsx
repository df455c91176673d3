import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ORGANISER_ROLES, organiserEvents } from "#app/modules/events/events.server.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "组织活动 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ORGANISER_ROLES);
  const events = await organiserEvents(user);
  return json({
    events: events.map((e) => ({
      id: e.id,
      kind: kindLabel(e.kind),
      title: e.title,
      startsAt: e.startsAt,
      capacity: e.capacity,
      confirmed: e.confirmed,
      attended: e.attended,
      cancelled: e.cancelledAt !== null,
    })),
  });
}

export default function ManageEvents() {
  const { events } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">讲座与案例研讨</h1>
        <Link
          to="/manage/events/new"
          className="rounded bg-blue-800 px-4 py-2 text-white no-underline"
        >
          新建活动
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="rounded border border-stone-300 bg-white p-4">
          还没有组织过活动。点击“新建活动”发布专题讲座、案例研讨或法律培训。
        </p>
      ) : (
        <ul className="space-y-2" aria-label="活动列表">
          {events.map((e) => (
            <li key={e.id} className="rounded border border-stone-300 bg-white p-3">
              <p className="text-sm text-stone-600">
                {e.kind} · {formatDateTime(e.startsAt).slice(0, 16)}
                {e.cancelled ? " · 已取消" : ""}
              </p>
              <Link to={`/manage/events/${e.id}`} className="font-semibold break-words">
                {e.title}
              </Link>
              <p className="text-sm">
                报名 {e.confirmed} / {e.capacity} · 签到 {e.attended}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
