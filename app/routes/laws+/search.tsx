import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { LAW_READER_ROLES, lawSummaries } from "#app/modules/laws/library.server.ts";
import { RANK_FILTERS } from "#app/modules/laws/ranks.ts";
import { firstMessage, LawSearchQuerySchema } from "#app/modules/laws/schemas.ts";
import { searchLibrary } from "#app/modules/laws/search.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "法条检索 - 法治学堂" }];

// "宪法第三十三条" redirects to the article; "第三十三条" lists every law's
// article 33; words search every article (app/modules/laws/search.server.ts).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const parsed = parseQuery(request, LawSearchQuerySchema);
  if (!parsed.success) throw new Response(firstMessage(parsed.error), { status: 400 });
  const outcome = searchLibrary(parsed.data);
  if (outcome.type === "redirect") return redirect(outcome.to);
  const lawOptions = lawSummaries().map((l) => ({ id: l.id, title: l.title }));
  return json({ ...parsed.data, ...outcome, lawOptions });
}

export default function LawSearch() {
  const data = useLoaderData<typeof loader>();
  const { q, hits, total, laws, message, mode } = data;
  return (
    <div className="space-y-4">
      <p>
        <Link to="/laws">← 法律法规库</Link>
      </p>
      <h1 className="text-2xl font-bold">法条检索{q ? `：“${q}”` : ""}</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="law-q" className="block font-medium">
            检索法条
          </label>
          <input
            id="law-q"
            name="q"
            defaultValue={q}
            placeholder="例如：宪法第三十三条、个人信息 同意"
            className="w-80 max-w-full rounded border border-stone-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="law-filter" className="block font-medium">
            法律
          </label>
          <select
            id="law-filter"
            name="law"
            defaultValue={data.law ?? ""}
            className="max-w-64 rounded border border-stone-400 px-2 py-2"
          >
            <option value="">全部</option>
            {data.lawOptions.map((l) => (
              <option key={l.id} value={l.id}>
                {l.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rank-filter" className="block font-medium">
            效力位阶
          </label>
          <select
            id="rank-filter"
            name="rank"
            defaultValue={data.rank ?? ""}
            className="rounded border border-stone-400 px-2 py-2"
          >
            <option value="">全部</option>
            {RANK_FILTERS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          检索
        </Button>
      </Form>
      <p className="text-sm text-stone-700">
        可以直接输入条文，如“宪法第三十三条”“民法典1165条”“《个人信息保护法》第13条”；只输入“第三十三条”列出各法的第三十三条；多个词用空格分开，须同时出现。
      </p>
      {message ? (
        <p role="alert" className="rounded border border-amber-700 bg-amber-50 p-3">
          {message}
        </p>
      ) : null}
      {laws.length > 0 ? (
        <ul className="list-disc pl-6">
          {laws.map((l) => (
            <li key={l.id}>
              <Link to={`/laws/${l.id}`}>{l.title}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {q && mode !== "empty" && total === 0 && laws.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有找到符合条件的法条。
        </p>
      ) : null}
      <ol className="space-y-3">
        {hits.map((h) => (
          <li
            key={`${h.lawId}-${h.number}`}
            className="rounded-lg border border-stone-300 bg-white p-3"
          >
            <Link to={h.url} className="font-semibold">
              {h.lawTitle} {h.label}
            </Link>
            <p className="mt-1 whitespace-pre-line text-stone-800">
              {h.segments.map((s, i) =>
                s.hit ? (
                  <mark key={i} className="bg-yellow-200 text-stone-900">
                    {s.text}
                  </mark>
                ) : (
                  <span key={i}>{s.text}</span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
      {total > 0 ? (
        <Pager page={data.page} pages={data.pageCount} total={total} noun="条结果" />
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
