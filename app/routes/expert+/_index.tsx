import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BookingTable } from "#app/components/booking/booking-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireExpertProfile } from "#app/modules/booking/guard.server.ts";
import { expertWorkspace } from "#app/modules/booking/queries.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "专家工作台 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  await requireExpertProfile(request, user);
  return json(await expertWorkspace(user.id, new Date()));
}

export default function ExpertHome() {
  const { requests, today, upcoming, overdue } = useLoaderData<typeof loader>();
  const section = (title: string, rows: typeof requests, empty: string) => (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-lg font-semibold">
        {title}（{rows.length}）
      </h2>
      <BookingTable rows={rows} show="enterprise" empty={empty} />
    </section>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">专家工作台</h1>
        <Link to="/expert/availability">设置可预约时间</Link>
      </div>
      {section("待确认的预约", requests, "没有待确认的预约。")}
      {section("今天", today, "今天没有已确认的预约。")}
      {section("即将开始", upcoming, "没有即将开始的预约。")}
      {overdue.length > 0 ? section("已过时间、待出具意见", overdue, "") : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
