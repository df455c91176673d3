import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { CompareRow } from "#app/components/laws/compare-row.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { reviewFlag } from "#app/modules/laws/citation-flags.server.ts";
import { FLAG_STATUS } from "#app/modules/laws/amendments.ts";
import { citationQueue } from "#app/modules/laws/citation-queue.server.ts";
import {
  CitationQueueQuerySchema,
  CitationReviewSchema,
  firstMessage,
} from "#app/modules/laws/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "法条变更核对 - 法治学堂" }];

// The ADMIN review queue of amendment flags (decision 0015, part 7): lesson
// paragraphs and quiz questions citing an article changed in a newer version.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const parsed = parseQuery(request, CitationQueueQuerySchema);
  if (!parsed.success) throw new Response(firstMessage(parsed.error), { status: 400 });
  return json({ ...(await citationQueue(parsed.data)), filter: parsed.data });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, CitationReviewSchema);
  if (!parsed.ok) return badRequest(parsed);
  const { intent, flagId, note } = parsed.data;
  const r = await reviewFlag({ flagId, decision: intent, note, admin, ip: clientIp(request) });
  if (!r.ok)
    return json(
      { ok: false as const, formError: r.message, fieldErrors: {} },
      { status: r.status },
    );
  return redirect(`/admin/citations?done=${intent}`);
}

const FILTERS = [["", "待处理"], ...Object.entries(FLAG_STATUS)] as const;

export default function CitationQueuePage() {
  const { flags, total, pageSize, filter } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (page: number) => `/admin/citations?status=${filter.status ?? ""}&page=${page}`;
  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-2xl font-bold">法条变更核对</h1>
      <p className="text-stone-700">
        法律、法规有新版本施行后，引用了被修改、条号变化或被删除条文的课时段落和题目列在这里。核对前，学员会在相关课时看到“内容正在核对”的提示。
      </p>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-3">
        {FILTERS.map(([key, label]) => (
          <Link
            key={key}
            to={`/admin/citations?status=${key}`}
            aria-current={(filter.status ?? "") === key ? "page" : undefined}
          >
            {label}
          </Link>
        ))}
      </nav>
      {filter.done ? (
        <Notice>已记录：{filter.done === "confirmed" ? "已核对，无需修改" : "需修改"}。</Notice>
      ) : null}
      <FormError message={actionData?.formError} />
      <p>共 {total} 项</p>
      {flags.length === 0 ? <Notice>没有需要核对的引用。</Notice> : null}
      <ol className="space-y-4">
        {flags.map((f) => (
          <li
            key={f.id}
            className="space-y-3 rounded-lg border border-stone-300 bg-white p-4"
            aria-label={`核对项 ${f.id}`}
          >
            <h2 className="font-semibold">
              {f.course} · {f.where}：{f.law}
              {f.oldLabel}（{f.change}）
              <span className="ml-2 rounded border border-stone-500 px-1.5 text-sm">
                {f.statusLabel}
              </span>
            </h2>
            <p className="text-stone-700">引用处：{f.excerpt || "（无正文）"}</p>
            <div className="grid gap-3 md:grid-cols-2">
              <section className="rounded border border-stone-300 p-3">
                <h3 className="font-medium">
                  旧：{f.from}年版{f.oldLabel}
                </h3>
                <p className="whitespace-pre-line">{f.oldText}</p>
              </section>
              <section className="rounded border border-stone-300 p-3">
                <h3 className="font-medium">
                  新：
                  {f.newLabel
                    ? `${f.to}年版${f.newLabel}（${f.toEffective} 起施行）`
                    : `${f.to}年版已删除此条`}
                </h3>
                <p className="whitespace-pre-line">{f.newText ?? "—"}</p>
              </section>
            </div>
            {f.row ? (
              <ol>
                <CompareRow row={f.row} from={f.from} to={f.to} />
              </ol>
            ) : null}
            <p>
              <Link to={f.compareUrl}>查看新旧对照</Link>
            </p>
            {f.note ? <p>备注：{f.note}</p> : null}
            {f.status === "open" || f.status === "needs-edit" ? (
              <Form method="post" className="flex flex-wrap items-end gap-3">
                <input type="hidden" name="flagId" value={f.id} />
                {f.status === "open" ? (
                  <label className="flex flex-col">
                    <span>备注（选填）</span>
                    <input
                      name="note"
                      maxLength={200}
                      className="rounded border border-stone-400 px-2 py-1"
                    />
                  </label>
                ) : null}
                <Button type="submit" name="intent" value="confirmed">
                  已核对，无需修改
                </Button>
                {f.status === "open" ? (
                  <Button type="submit" name="intent" value="needs-edit" variant="secondary">
                    需修改
                  </Button>
                ) : null}
              </Form>
            ) : null}
          </li>
        ))}
      </ol>
      {pages > 1 ? (
        <nav aria-label="分页" className="flex gap-3">
          {filter.page > 1 ? <Link to={href(filter.page - 1)}>上一页</Link> : null}
          <span>
            第 {filter.page} / {pages} 页
          </span>
          {filter.page < pages ? <Link to={href(filter.page + 1)}>下一页</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
