import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LawVersionInfo } from "#app/components/laws/law-header.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { LAW_READER_ROLES } from "#app/modules/laws/library.server.ts";
import { firstMessage, LawPageQuerySchema } from "#app/modules/laws/schemas.ts";
import { lawView, parseArticleNumber } from "#app/modules/laws/views.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.law.title ?? "法律"} - 法治学堂` },
];

// A law's text: whole on one page, or one chapter per page for long laws
// (?chapter=N); ?v= names a version; ?jump= is the 跳到第 __ 条 box.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const parsed = parseQuery(request, LawPageQuerySchema);
  if (!parsed.success) throw new Response(firstMessage(parsed.error), { status: 400 });
  const { v, chapter, jump } = parsed.data;
  const view = lawView(params.lawId ?? "", { v, chapter });
  if (!view) throw new Response("法律、版本或章节不存在", { status: 404 });
  if (jump !== undefined) {
    const n = parseArticleNumber(jump);
    if (n !== null && n <= view.articleCount)
      return redirect(`/laws/${view.law.id}/${n}${v ? `?v=${view.law.version.key}` : ""}`);
    const jumpError = `请输入 1 至 ${view.articleCount} 之间的条号`;
    return json({ ...view, v: v ?? null, jumpError, jump }, { status: 400 });
  }
  return json({ ...view, v: v ?? null, jumpError: null, jump: "" });
}

export default function LawPage() {
  const { law, blocks, toc, paged, page, articleCount, v, jumpError, jump } =
    useLoaderData<typeof loader>();
  const withV = (extra: Record<string, string> = {}) => {
    const p = new URLSearchParams(extra);
    if (v) p.set("v", law.version.key);
    const s = p.toString();
    return s ? `?${s}` : "";
  };
  const tocHref = (h: (typeof toc)[number]) =>
    h.page === null || h.page === page?.index
      ? `#${h.anchor}`
      : `${withV({ chapter: String(h.page) })}#${h.anchor}`;
  const contents = (
    <ul className="space-y-1 text-sm">
      {toc.map((h) => (
        <li key={h.anchor} style={{ paddingLeft: `${(h.level - 2) * 0.75}rem` }}>
          <a
            href={tocHref(h)}
            aria-current={h.page !== null && h.page === page?.index ? "page" : undefined}
          >
            {h.text}
          </a>
        </li>
      ))}
    </ul>
  );
  const compareTarget = law.versions.find((x) => x.key !== law.version.key);
  return (
    <div className="space-y-4">
      <p>
        <Link to="/laws">← 法律法规库</Link>
      </p>
      <h1 className="text-2xl font-bold">{law.title}</h1>
      <LawVersionInfo law={law} linkTo={(x) => `/laws/${law.id}?v=${x.key}`} />
      {compareTarget ? (
        <p className="text-sm">
          <Link
            to={`/laws/${law.id}/compare?from=${[compareTarget.key, law.version.key].sort()[0]}&to=${[compareTarget.key, law.version.key].sort()[1]}`}
          >
            新旧对照（{[compareTarget.key, law.version.key].sort().join("年版 → ")}年版）
          </Link>
        </p>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-2" aria-label="跳到条文">
        {v ? <input type="hidden" name="v" value={law.version.key} /> : null}
        <div>
          <label htmlFor="jump" className="block font-medium">
            跳到第几条（共 {articleCount} 条）
          </label>
          <input
            id="jump"
            name="jump"
            inputMode="numeric"
            defaultValue={jump}
            aria-invalid={jumpError ? true : undefined}
            aria-describedby={jumpError ? "jump-error" : undefined}
            className="w-28 rounded border border-stone-400 px-3 py-2"
          />
        </div>
        <Button type="submit" variant="secondary">
          跳转
        </Button>
        {jumpError ? (
          <p id="jump-error" role="alert" className="w-full text-red-800">
            {jumpError}
          </p>
        ) : null}
      </Form>
      <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
        {toc.length > 0 ? (
          <>
            <details className="rounded border border-stone-300 bg-white p-3 md:hidden">
              <summary className="font-semibold">目录</summary>
              <nav aria-label="目录（折叠）" className="mt-2 max-h-[60vh] overflow-y-auto">
                {contents}
              </nav>
            </details>
            <nav
              aria-label="目录"
              className="hidden md:sticky md:top-4 md:block md:max-h-[90vh] md:self-start md:overflow-y-auto"
            >
              <h2 className="mb-2 font-semibold">目录</h2>
              {contents}
            </nav>
          </>
        ) : (
          <div className="hidden md:block" />
        )}
        <div className="min-w-0 rounded-lg border border-stone-300 bg-white p-4 leading-relaxed">
          {paged && page ? (
            <p className="mb-2 text-sm text-stone-700">
              本法较长，按章分页：第 {page.index} / {page.count} 页
            </p>
          ) : null}
          {blocks.map((b, i) =>
            b.type === "heading" ? (
              <h2 key={i} id={b.anchor} className="mt-6 mb-2 text-center text-lg font-semibold">
                {b.text}
              </h2>
            ) : b.type === "paragraph" ? (
              <p key={i} className="my-2 text-stone-700">
                {b.text}
              </p>
            ) : (
              <section key={i} id={`a${b.number}`} aria-label={b.label} className="my-3">
                {b.paragraphs.map((p, j) => (
                  <p key={j} className="my-1">
                    {j === 0 ? (
                      <Link
                        to={`/laws/${law.id}/${b.number}${withV()}`}
                        className="mr-2 font-semibold"
                      >
                        {b.label}
                      </Link>
                    ) : null}
                    {p}
                  </p>
                ))}
              </section>
            ),
          )}
          {paged && page ? (
            <nav aria-label="章节翻页" className="mt-6 flex justify-between">
              {page.index > 1 ? (
                <Link to={withV({ chapter: String(page.index - 1) })}>← 上一章</Link>
              ) : (
                <span />
              )}
              {page.index < page.count ? (
                <Link to={withV({ chapter: String(page.index + 1) })}>下一章 →</Link>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
