import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { getArticle, LAW_READER_ROLES } from "#app/modules/laws/library.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.law.title}${data.article.label} - 法治学堂` : "法条 - 法治学堂" },
];

// The stable URL of one article: /laws/<law id>/<article number>.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const number = /^\d{1,4}$/.test(params.article ?? "") ? Number(params.article) : NaN;
  const found = getArticle(params.lawId ?? "", number);
  if (!found) throw new Response("法条不存在", { status: 404 });
  const { law, article } = found;
  return json({
    law: { id: law.id, title: law.title, revision: law.revision, note: law.note },
    article,
    prev: law.articles.has(number - 1) ? number - 1 : null,
    next: law.articles.has(number + 1) ? number + 1 : null,
  });
}

export default function ArticlePage() {
  const { law, article, prev, next } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={`/laws/${law.id}#a${article.number}`}>← {law.title}（全文）</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {law.title} {article.label}
      </h1>
      <p className="text-sm text-stone-600">
        {law.revision}
        {article.chapter ? ` · ${article.chapter}` : ""}
      </p>
      {law.note ? (
        <p role="note" className="rounded border border-amber-600 bg-amber-50 p-3 text-sm">
          注：{law.note}
        </p>
      ) : null}
      <blockquote className="rounded-r border-l-4 border-brand-600 bg-white p-4 leading-relaxed">
        {article.paragraphs.map((p, i) => (
          <p key={i} className="my-2">
            {p}
          </p>
        ))}
      </blockquote>
      <nav aria-label="上一条和下一条" className="flex justify-between">
        {prev ? <Link to={`/laws/${law.id}/${prev}`}>← 上一条</Link> : <span />}
        {next ? <Link to={`/laws/${law.id}/${next}`}>下一条 →</Link> : <span />}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
