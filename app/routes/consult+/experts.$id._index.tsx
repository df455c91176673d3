import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExpertProfileCard } from "#app/components/booking/expert-profile-card.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { profileOf } from "#app/modules/booking/profiles.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.profile.name ?? "专家"} - 专家介绍 - 法治学堂` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = idField().safeParse(params.id);
  const profile = id.success ? await profileOf(id.data) : null;
  // Enterprises see only experts who accept bookings; the expert himself and ADMIN see any.
  if (!profile || (!profile.bookable && user.role !== "ADMIN" && profile.userId !== user.id))
    throw new Response("专家不存在或已停止接受预约", { status: 404 });
  return json({ profile, enterprise: user.role === "ENTERPRISE" });
}

export default function ExpertProfilePage() {
  const { profile: p, enterprise } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/consult/experts">← 全部专家</Link>
      </p>
      <h1 className="text-2xl font-bold">{p.name}</h1>
      <ExpertProfileCard p={p}>
        {enterprise && p.bookable ? (
          <div className="flex flex-wrap gap-3 pt-2">
            <Link to={`/consult/new?type=CONSULTATION&expert=${p.id}`}>预约法律咨询</Link>
            <Link to={`/consult/new?type=TRAINING&expert=${p.id}`}>预约法律培训</Link>
            <Link to={`/consult/review/new?expert=${p.id}`}>申请合同审查</Link>
          </div>
        ) : null}
      </ExpertProfileCard>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
