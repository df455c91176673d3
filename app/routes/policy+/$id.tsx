import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { readDoc, recordRead } from "#app/modules/policy/readers.server.ts";
import { confirmRead, readingStatus } from "#app/modules/policy/readings.server.ts";
import {
  AUDIENCE_LABELS,
  ConfirmReadSchema,
  KIND_LABELS,
  PolicyIdParam,
  VersionQuerySchema,
} from "#app/modules/policy/schemas.ts";
import { getUser, requireUser } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.page.title ?? "政策解读"} - 法治学堂` },
];

function docId(params: { id?: string }): number {
  const parsed = PolicyIdParam.safeParse(params.id);
  if (!parsed.success) throw new Response("政策解读不存在", { status: 404 });
  return parsed.data;
}

// Public docs are readable without login; the others need a reader they address.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = docId(params);
  const query = parseQuery(request, VersionQuerySchema);
  if (!query.success)
    throw new Response(query.error.issues[0]?.message ?? "版本无效", { status: 400 });
  const user = await getUser(request);
  const r = await readDoc(user, id, query.data.v);
  if (!r.ok) {
    if (r.status === 401) await requireUser(request);
    throw new Response(r.message, { status: r.status });
  }
  if (user) await recordRead(user.id, id);
  const reading = user ? await readingStatus(user, id) : null;
  return json({ page: r.page, reading });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = docId(params);
  const parsed = await parseForm(request, ConfirmReadSchema);
  if (!parsed.ok) return badRequest(parsed);
  const doc = await readDoc(user, id);
  if (!doc.ok) throw new Response(doc.message, { status: doc.status === 401 ? 403 : doc.status });
  const r = await confirmRead(user, id, doc.page.version, clientIp(request));
  if (!r.ok) return json({ formError: r.message }, { status: r.status });
  return redirect(`/policy/${id}?confirmed=1`);
}

export default function PolicyReadPage() {
  const { page, reading } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const old = page.version !== page.newest;
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/policy">← 政策解读</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{page.title}</h1>
      <p className="text-sm text-stone-700">
        {KIND_LABELS[page.kind]} · 第 {page.version} 版 ·{" "}
        {formatDateTime(page.publishedAt).slice(0, 10)} 发布 · 阅读 {page.reads} 次
      </p>
      {page.repealed ? <FormError message="本解读已废止，仅供查阅。" /> : null}
      {old ? (
        <p role="status" className="rounded border border-amber-600 bg-amber-50 p-3">
          您在看第 {page.version} 版（旧版本）。<Link to={`/policy/${page.id}`}>阅读最新版</Link>
        </p>
      ) : null}
      <section className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 className="font-semibold">解读对象</h2>
        {page.instrument?.kind === "law" ? (
          <div className="space-y-2">
            <p>
              <Link to={page.instrument.lawUrl}>{page.instrument.title}</Link>
            </p>
            {page.instrument.articles.map((a) => (
              <blockquote key={a.number} className="border-l-4 border-stone-300 pl-3">
                <p className="font-medium">
                  <Link to={a.url}>{a.label}</Link>
                </p>
                {a.paragraphs.map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
              </blockquote>
            ))}
          </div>
        ) : page.instrument ? (
          <p className="break-words">
            {page.instrument.title}（{page.instrument.number}，{page.instrument.date}）
          </p>
        ) : (
          <p>—</p>
        )}
        {page.compareUrl ? (
          <p className="mt-2">
            <Link to={page.compareUrl}>查看新旧对照</Link>
          </p>
        ) : null}
        <p className="mt-2 text-sm text-stone-700">
          读者：
          {(Object.keys(AUDIENCE_LABELS) as (keyof typeof AUDIENCE_LABELS)[])
            .filter((k) => page.audience[k])
            .map((k) => AUDIENCE_LABELS[k])
            .join("、")}{" "}
          · 行业：{page.industries.join("、")}
        </p>
      </section>
      {page.keyPoints.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">要点</h2>
          <ul className="list-disc space-y-1 pl-6">
            {page.keyPoints.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="prose max-w-none break-words">
        <h2 className="text-lg font-semibold">解读</h2>
        <div dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
      </section>
      {page.faq.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">常见问题</h2>
          <dl className="space-y-3">
            {page.faq.map((f, i) => (
              <div key={i}>
                <dt className="font-medium">问：{f.q}</dt>
                <dd className="whitespace-pre-line">答：{f.a}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {reading ? (
        <section className="rounded-lg border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">阅读任务</h2>
          {reading.confirmedAt ? (
            <Notice>您已于 {formatDateTime(reading.confirmedAt)} 确认阅读。</Notice>
          ) : (
            <Form method="post" className="space-y-2">
              <p>
                本解读已布置给您阅读{reading.dueDate ? `，请在 ${reading.dueDate} 前确认` : ""}。
              </p>
              <FormError message={actionData?.formError} />
              <Button type="submit" name="intent" value="confirm">
                我已阅读
              </Button>
            </Form>
          )}
        </section>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">版本记录</h2>
        <ol className="space-y-1">
          {page.versions.map((v) => (
            <li key={v.version}>
              {v.version === page.version ? (
                <span aria-current="page">
                  第 {v.version} 版（{formatDateTime(v.publishedAt).slice(0, 10)}）
                </span>
              ) : (
                <Link to={`/policy/${page.id}?v=${v.version}`}>
                  第 {v.version} 版（{formatDateTime(v.publishedAt).slice(0, 10)}）
                </Link>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
