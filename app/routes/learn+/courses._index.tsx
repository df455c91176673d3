import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { cardsHtml } from "#app/modules/learning/catalog-cards.ts";
import { packCards, unpackCards } from "#app/modules/learning/catalog-view.ts";
import { catalogueView } from "#app/modules/learning/catalog.server.ts";
import { CATALOG_STATUSES, CatalogFilterSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "课程中心 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const parsed = parseQuery(request, CatalogFilterSchema);
  if (!parsed.success) throw new Response("查询条件无效", { status: 400 });
  const { courses, categories } = await catalogueView(user, parsed.data);
  // Only what the cards render, as columns: the data goes into the page twice (HTML and hydration).
  return json({ filter: parsed.data, cards: packCards(courses), categories });
}

const selectClass = "tap-target rounded border border-stone-400 bg-white px-3 py-2";

export default function Catalogue() {
  const { filter, cards, categories } = useLoaderData<typeof loader>();
  const courses = useMemo(() => unpackCards(cards), [cards]);
  const filtered = Boolean(filter.q || filter.category || filter.status);
  const onCardClick = useDelegatedLinks();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">课程中心</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="w-full sm:w-auto">
          <label htmlFor="c-q" className="block font-medium">
            搜索课程
          </label>
          <input
            id="c-q"
            name="q"
            type="search"
            defaultValue={filter.q}
            className="tap-target w-full rounded border border-stone-400 px-3 py-2"
            placeholder="课程名称"
          />
        </div>
        <div>
          <label htmlFor="c-cat" className="block font-medium">
            主题
          </label>
          <select id="c-cat" name="category" defaultValue={filter.category} className={selectClass}>
            <option value="">全部主题</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="c-status" className="block font-medium">
            学习状态
          </label>
          <select id="c-status" name="status" defaultValue={filter.status} className={selectClass}>
            <option value="">全部状态</option>
            {Object.entries(CATALOG_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary" className="tap-target">
          筛选
        </Button>
        {filtered ? (
          <Link to="/learn/courses" className="tap-target inline-flex items-center">
            清除筛选
          </Link>
        ) : null}
      </Form>
      <p className="text-sm text-stone-600" aria-live="polite">
        {`共 ${courses.length} 门课程`}
      </p>
      {courses.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的课程。
        </p>
      ) : (
        // One click handler for every card's link (plain <a>s: see useDelegatedLinks); the cards
        // are one HTML string, the same on the server and in the browser (catalog-cards).
        <ul
          className="grid gap-4 md:grid-cols-2"
          onClick={onCardClick}
          dangerouslySetInnerHTML={{ __html: cardsHtml(courses) }}
        />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
