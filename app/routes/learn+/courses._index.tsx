import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { catalogCategories, listCatalog } from "#app/modules/learning/catalog.server.ts";
import { CatalogFilterSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "课程中心 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const parsed = parseQuery(request, CatalogFilterSchema);
  if (!parsed.success) throw new Response("查询条件无效", { status: 400 });
  return json({
    filter: parsed.data,
    courses: await listCatalog(user, parsed.data),
    categories: await catalogCategories(user.role),
  });
}

function status(c: { lessons: number; readLessons: number; completedAt: string | null }) {
  if (c.completedAt) return "已完成";
  if (c.readLessons > 0) return `学习中（${c.readLessons}/${c.lessons}）`;
  return "未开始";
}

export default function Catalogue() {
  const { filter, courses, categories } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">课程中心</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="c-q" className="block font-medium">
            搜索课程
          </label>
          <input
            id="c-q"
            name="q"
            defaultValue={filter.q}
            className="rounded border border-stone-400 px-3 py-2"
            placeholder="课程名称或简介"
          />
        </div>
        <div>
          <label htmlFor="c-cat" className="block font-medium">
            分类
          </label>
          <select
            id="c-cat"
            name="category"
            defaultValue={filter.category}
            className="rounded border border-stone-400 bg-white px-3 py-2"
          >
            <option value="">全部</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          筛选
        </Button>
      </Form>
      {courses.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          没有符合条件的课程。
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {courses.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-300 bg-white p-4">
              <h2 className="text-lg font-semibold">
                <Link to={`/learn/courses/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="text-sm text-stone-600">
                {c.category} · {c.creditHours} 学时 · {c.lessons} 课 · <span>{status(c)}</span>
              </p>
              <p className="mt-2">{c.summary}</p>
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
