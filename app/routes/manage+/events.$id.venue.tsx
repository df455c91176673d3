import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { currentQr, periodProblem } from "#app/modules/events/checkin.server.ts";
import { getManagedEvent, ORGANISER_ROLES } from "#app/modules/events/events.server.ts";
import { qrSvg } from "#app/modules/learning/certificate-qr.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { env } from "#app/utils/env.server.ts";
import { idField } from "#app/utils/input.ts";

// The venue screen: the check-in QR code of the current 30-second window
// (app/modules/events/checkin.server.ts). It reloads itself when the window turns: with
// JavaScript by revalidating, without it by the meta refresh.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `签到二维码：${data?.title ?? ""} - 法治学堂` },
  { httpEquiv: "refresh", content: String(data?.refreshSeconds ?? 30) },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ORGANISER_ROLES);
  const id = idField().safeParse(params.id);
  const event = id.success ? await getManagedEvent(user, id.data) : null;
  if (!event) throw new Response("活动不存在", { status: 404 });
  const now = new Date();
  const { code, nextAt } = currentQr(event, now);
  const base = env().PUBLIC_BASE_URL ?? new URL(request.url).origin;
  const url = `${base}/events/${event.id}/check-in?c=${code}`;
  const problem = periodProblem(event, now);
  return json(
    {
      id: event.id,
      title: event.title,
      problem,
      checkInFrom: event.checkInFrom,
      checkInUntil: event.checkInUntil,
      qr: problem ? null : await qrSvg(url),
      url,
      code,
      nextAt,
      // A second past the turn, so the reload lands in the new window.
      refreshSeconds: Math.max(1, Math.ceil((nextAt - now.getTime()) / 1000) + 1),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function Venue() {
  const d = useLoaderData<typeof loader>();
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const t = setTimeout(revalidate, Math.max(500, d.nextAt - Date.now() + 300));
    return () => clearTimeout(t);
  }, [d.nextAt, revalidate]);
  return (
    <div className="mx-auto max-w-xl space-y-4 text-center">
      <p className="text-left">
        <Link to={`/manage/events/${d.id}`}>← 返回活动管理</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{d.title}</h1>
      {d.problem ? (
        <p role="status" className="rounded border border-stone-300 bg-white p-4">
          {d.problem}。签到时间：{formatDateTime(d.checkInFrom).slice(0, 16)} 至{" "}
          {formatDateTime(d.checkInUntil).slice(0, 16)}
        </p>
      ) : (
        <>
          <p className="text-lg">请用已登录法治学堂的手机扫码签到</p>
          <div
            role="img"
            aria-label="签到二维码"
            data-code={d.code}
            className="mx-auto w-full max-w-sm bg-white p-2"
            dangerouslySetInnerHTML={{ __html: d.qr ?? "" }}
          />
          <p className="text-sm text-stone-600">二维码每 30 秒更新一次，页面会自动刷新。</p>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
