import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ExpertPhoto, RatingText } from "#app/components/booking/expert-profile-card.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { bookableProfiles } from "#app/modules/booking/profiles.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "专家介绍 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, BOOKING_ROLES);
  return json({ experts: await bookableProfiles() });
}

export default function ExpertList() {
  const { experts } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">专家介绍</h1>
      {experts.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-4 text-center">
          目前没有可预约的专家。
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {experts.map((p) => (
            <li key={p.id} className="flex gap-3 rounded-lg border border-stone-300 bg-white p-4">
              <ExpertPhoto p={p} size="h-16 w-16" />
              <div className="min-w-0">
                <h2 className="text-lg font-semibold">
                  <Link to={`/consult/experts/${p.id}`}>{p.name}</Link>
                </h2>
                <p className="text-stone-700">{p.title}</p>
                <p className="break-words">{p.specialties.join("、")}</p>
                <p className="text-sm">
                  <RatingText average={p.average} ratings={p.ratings} />
                </p>
              </div>
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
