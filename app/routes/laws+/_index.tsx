import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ValidityBadge } from "#app/components/laws/law-header.tsx";
import { LawSearchForm } from "#app/components/law-search-form.tsx";
import { chineseDate } from "#app/modules/laws/dates.ts";
import { LAW_READER_ROLES, lawCatalogue } from "#app/modules/laws/library.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "法律法规库 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, LAW_READER_ROLES);
  return json({ groups: lawCatalogue() });
}

export default function LawsIndex() {
  const { groups } = useLoaderData<typeof loader>();
  const total = groups.reduce((n, g) => n + g.count, 0);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">法律法规库</h1>
      <LawSearchForm />
      <p className="text-stone-700">
        共收录 {total} 部：{groups.map((g) => `${g.rank} ${g.count} 部`).join("，")}。
      </p>
      {groups.map((g) => (
        <section key={g.rank} aria-labelledby={`rank-${g.rank}`} className="space-y-3">
          <h2 id={`rank-${g.rank}`} className="text-xl font-semibold">
            {g.rank}（{g.count} 部）
          </h2>
          {g.fields.map((f) => (
            <div key={f.field}>
              <h3 className="mb-2 font-semibold text-stone-700">
                {f.field}（{f.count} 部）
              </h3>
              <ul className="grid gap-3 md:grid-cols-2">
                {f.laws.map((l) => (
                  <li key={l.id} className="rounded-lg border border-stone-300 bg-white p-4">
                    <p className="font-semibold">
                      <Link to={`/laws/${l.id}`}>{l.title}</Link>
                    </p>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-stone-700">
                      <ValidityBadge validity={l.validity} />
                      <span>
                        {l.revision} · {chineseDate(l.effective)}起施行 · 共 {l.articles} 条
                        {l.versions > 1 ? ` · ${l.versions} 个版本` : ""}
                      </span>
                    </p>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
      <p className="text-sm text-stone-700">
        文本来源于国家法律法规数据库的第三方整理本，正式引用前请与官方文本核对。
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
