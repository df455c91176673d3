import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BookingTable } from "#app/components/booking/booking-table.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireEnterprise } from "#app/modules/booking/guard.server.ts";
import { listEnterpriseBookings } from "#app/modules/booking/queries.server.ts";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "我的预约 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const enterprise = await requireEnterprise(request, user);
  const s = await consultSettings();
  return json({
    enterprise,
    bookings: await listEnterpriseBookings(user.id),
    rules: {
      lead: s.leadHours,
      cutoff: s.cancelCutoffHours,
      maxActive: s.maxActive,
      horizon: s.horizonDays,
    },
  });
}

export default function MyBookings() {
  const { enterprise, bookings, rules } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">我的预约</h1>
        <Link
          to="/consult/new"
          className="rounded border border-brand-700 bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700"
        >
          预约专家服务
        </Link>
      </div>
      <p className="flex flex-wrap gap-4">
        <Link to="/consult/review/new">申请合同审查</Link>
        <Link to="/consult/experts">专家介绍</Link>
      </p>
      <p className="text-stone-700">{enterprise.name}</p>
      <p className="text-sm text-stone-600">
        可预约未来 {rules.horizon} 天内、至少提前 {rules.lead} 小时的时段；开始前 {rules.cutoff}{" "}
        小时以内不能取消或改期；进行中的预约最多 {rules.maxActive} 个。
      </p>
      <BookingTable rows={bookings} show="expert" empty="还没有预约。" />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
