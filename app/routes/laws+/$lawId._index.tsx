import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { getLaw, LAW_READER_ROLES } from "#app/modules/laws/library.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.law.title ?? "法律"} - 法治学堂` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  const law = getLaw(params.lawId ?? "");
  if (!law) throw new Response("法律不存在", { status: 404 });
  const blocks = law.blocks.map((b) =>
    b.type === "article" ? { type: "article" as const, ...law.articles.get(b.number)! } : b,
  );
  return json({
    law: {
      id: law.id,
      title: law.title,
      kind: law.kind,
      revision: law.revision,
      effective: law.effective,
      note: law.note,
    },
    blocks,
  });
}

export default function LawPage() {
  const { law, blocks } = useLoaderData<typeof loader>();
  const headings = blocks.filter((b) => b.type === "heading");
  return (
    <div className="space-y-4">
      <p>
        <Link to="/laws">← 法律法规库</Link>
      </p>
      <h1 className="text-2xl font-bold">{law.title}</h1>
      <p className="text-stone-700">
        {law.kind} · {law.revision} · {law.effective} 施行
      </p>
      {law.note ? (
        <p role="note" className="rounded border border-amber-600 bg-amber-50 p-3">
          注：{law.note}
        </p>
      ) : null}
      <div className="grid gap-6 md:grid-cols-[16rem_1fr]">
        {headings.length > 0 ? (
          <nav aria-label="目录" className="md:sticky md:top-4 md:max-h-[85vh] md:overflow-y-auto">
            <h2 className="mb-2 font-semibold">目录</h2>
            <ul className="space-y-1 text-sm">
              {headings.map((h) => (
                <li key={h.anchor} className={h.level > 2 ? "pl-4" : ""}>
                  <a href={`#${h.anchor}`}>{h.text}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div className="rounded-lg border border-stone-300 bg-white p-4 leading-relaxed">
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
                      <Link to={`/laws/${law.id}/${b.number}`} className="mr-2 font-semibold">
                        {b.label}
                      </Link>
                    ) : null}
                    {p}
                  </p>
                ))}
              </section>
            ),
          )}
        </div>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
