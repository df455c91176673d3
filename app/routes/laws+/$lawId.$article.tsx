import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LawVersionInfo } from "#app/components/laws/law-header.tsx";
import { LAW_READER_ROLES } from "#app/modules/laws/library.server.ts";
import { ArticleQuerySchema, firstMessage } from "#app/modules/laws/schemas.ts";
import { articleView } from "#app/modules/laws/views.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.law.title}${data.article.label} - 法治学堂` : "法条 - 法治学堂" },
];

// The stable URL of one article: /laws/<law id>/<number>, ?v=<revision year>
// (or a date: the version in force that day) for another version.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const parsed = parseQuery(request, ArticleQuerySchema);
  if (!parsed.success) throw new Response(firstMessage(parsed.error), { status: 400 });
  const number = /^\d{1,4}$/.test(params.article ?? "") ? Number(params.article) : NaN;
  const view = articleView(params.lawId ?? "", number, parsed.data.v);
  if (!view) throw new Response("法条或版本不存在", { status: 404 });
  return json(view);
}

export default function ArticlePage() {
  const { law, article, fullTextUrl, prev, next, compare, versionsWithArticle } =
    useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={fullTextUrl}>← {law.title}（全文）</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {law.title} {article.label}
      </h1>
      <LawVersionInfo
        law={law}
        linkTo={(x) =>
          versionsWithArticle.includes(x.key)
            ? `/laws/${law.id}/${article.number}?v=${x.key}`
            : `/laws/${law.id}?v=${x.key}`
        }
      />
      {article.chapter ? <p className="text-sm text-stone-700">{article.chapter}</p> : null}
      <blockquote className="rounded-r border-l-4 border-brand-600 bg-white p-4 leading-relaxed">
        {article.paragraphs.map((p, i) => (
          <p key={i} className="my-2">
            {p}
          </p>
        ))}
      </blockquote>
      {compare.length > 0 ? (
        <p className="text-sm">
          新旧对照：
          {compare.map((c) => (
            <Link key={c.key} to={c.url} className="mr-3">
              与{c.key}年版对照本条
            </Link>
          ))}
        </p>
      ) : null}
      <nav aria-label="上一条和下一条" className="flex justify-between">
        {prev ? <Link to={prev}>← 上一条</Link> : <span />}
        {next ? <Link to={next}>下一条 →</Link> : <span />}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
