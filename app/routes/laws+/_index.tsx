import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LawSearchForm } from "#app/components/law-search-form.tsx";
import { LAW_READER_ROLES, lawSummaries } from "#app/modules/laws/library.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "法律法规库 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  return json({ laws: lawSummaries() });
}

export default function LawsIndex() {
  const { laws } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">法律法规库</h1>
      <LawSearchForm />
      <ul className="grid gap-3 md:grid-cols-2">
        {laws.map((l) => (
          <li key={l.id} className="rounded-lg border border-stone-300 bg-white p-4">
            <h2 className="font-semibold">
              <Link to={`/laws/${l.id}`}>{l.title}</Link>
            </h2>
            <p className="text-sm text-stone-600">
              {l.kind} · {l.revision} · {l.effective} 施行 · 共 {l.articles} 条
            </p>
            {l.note ? <p className="mt-1 text-sm text-amber-800">注：{l.note}</p> : null}
          </li>
        ))}
      </ul>
      <p className="text-sm text-stone-600">
        文本来源于国家法律法规数据库的第三方整理本，正式引用前请与官方文本核对。
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
