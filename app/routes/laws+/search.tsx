import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LawSearchForm } from "#app/components/law-search-form.tsx";
import { LAW_READER_ROLES, searchLaws } from "#app/modules/laws/library.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "法条检索 - 法治学堂" }];

const QuerySchema = z.object({ q: z.string().trim().max(50).optional().default("") });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const parsed = parseQuery(request, QuerySchema);
  if (!parsed.success) throw new Response("检索词最多 50 个字符", { status: 400 });
  return json({ q: parsed.data.q, ...searchLaws(parsed.data.q) });
}

export default function LawSearch() {
  const { q, laws, hits, total } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/laws">← 法律法规库</Link>
      </p>
      <h1 className="text-2xl font-bold">法条检索{q ? `：“${q}”` : ""}</h1>
      <LawSearchForm defaultValue={q} />
      {laws.length > 0 ? (
        <ul className="list-disc pl-6">
          {laws.map((l) => (
            <li key={l.id}>
              <Link to={`/laws/${l.id}`}>{l.title}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {q && total === 0 && laws.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有找到包含这些文字的法条。
        </p>
      ) : null}
      {total > 0 ? (
        <p>
          共 {total} 条结果{total > hits.length ? `，显示前 ${hits.length} 条` : ""}。
        </p>
      ) : null}
      <ol className="space-y-3">
        {hits.map((h) => (
          <li
            key={`${h.lawId}-${h.number}`}
            className="rounded-lg border border-stone-300 bg-white p-3"
          >
            <Link to={`/laws/${h.lawId}/${h.number}`} className="font-semibold">
              {h.lawTitle} {h.label}
            </Link>
            <p className="mt-1 whitespace-pre-line text-stone-800">{h.text}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
