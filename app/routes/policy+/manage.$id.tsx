import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PolicyForm } from "#app/components/policy/policy-form.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { lawSummaries } from "#app/modules/laws/library.server.ts";
import { policyRights } from "#app/modules/policy/access.server.ts";
import { manageDoc, updateDraft } from "#app/modules/policy/docs.server.ts";
import { formValues, submittedValues } from "#app/modules/policy/form-values.ts";
import { instrumentLabel, instrumentView } from "#app/modules/policy/instrument.server.ts";
import {
  DoneQuerySchema,
  doneOf,
  PolicyEditSchema,
  PolicyIdParam,
  PolicyStepSchemas,
  type PolicyEditInput,
  stageLabel,
} from "#app/modules/policy/schemas.ts";
import { policyStep } from "#app/modules/policy/workflow.server.ts";
import { deny, requireUser } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseIntentForm, parseQuery, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "政策解读审核 - 法治学堂" }];

const REVIEW_LABELS: Record<string, string> = {
  SUBMIT: "提交审核",
  RETURN: "退回",
  APPROVE: "审核通过并发布",
};
const DONE: Record<string, string> = {
  saved: "草稿已保存。",
  submit: "已提交法规审核。",
  approve: "已审核通过并发布。",
  return: "已退回作者修改。",
  revise: "已开始修订：修改后重新提交审核，读者在新版本发布前仍看到当前版本。",
  repeal: "已废止。",
};

async function load(request: Request, params: { id?: string }) {
  const user = await requireUser(request);
  const parsed = PolicyIdParam.safeParse(params.id);
  if (!parsed.success) throw new Response("政策解读不存在", { status: 404 });
  const rights = await policyRights(user);
  if (!rights.author && !rights.admin) await deny(request, user, "not a policy author");
  const found = await manageDoc(parsed.data);
  if (!found) throw new Response("政策解读不存在", { status: 404 });
  if (!rights.member && !rights.admin && found.doc.authorId !== user.id)
    await deny(request, user, "another author's draft");
  return { user, rights, found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, rights, found } = await load(request, params);
  const { doc } = found;
  const done = doneOf(parseQuery(request, DoneQuerySchema)).done ?? "";
  const mine = doc.authorId === user.id;
  return json({
    doc: {
      id: doc.id,
      title: doc.title,
      kind: doc.kind,
      stage: doc.stage,
      author: doc.author,
      publishedVersion: doc.publishedVersion,
      instrument: instrumentLabel(instrumentView(doc)),
      body: doc.body,
      // 新法速递: the 新旧对照 of the two versions the entry was created for.
      compareUrl:
        doc.expressLawId && doc.expressFrom && doc.expressVersion
          ? `/laws/${doc.expressLawId}/compare?from=${doc.expressFrom}&to=${doc.expressVersion}`
          : null,
    },
    values: formValues(doc),
    reviews: found.reviews,
    versions: found.versions,
    laws: lawSummaries().map((l) => ({ id: l.id, title: l.title })),
    notice: Object.hasOwn(DONE, done) ? DONE[done] : null,
    can: {
      edit: doc.stage === "DRAFT" && (mine || (doc.authorId === null && rights.member)),
      submit: doc.stage === "DRAFT" && mine,
      review: doc.stage === "REVIEW" && rights.member && !mine,
      revise: doc.stage === "PUBLISHED" && rights.author,
      repeal: doc.stage === "PUBLISHED" && rights.member,
    },
    ownReview: doc.stage === "REVIEW" && mine,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await load(request, params);
  const id = found.doc.id;
  const ip = clientIp(request);
  const form = await readForm(request);
  const parsed = parseIntentForm(form, { save: PolicyEditSchema, ...PolicyStepSchemas });
  // A refused save sends the submitted text back: without JavaScript the page is rendered anew.
  const values = submittedValues(form);
  if (!parsed.ok)
    return json(
      { ok: false as const, formError: parsed.formError, fieldErrors: parsed.fieldErrors, values },
      { status: 400 },
    );
  const r =
    parsed.intent === "save"
      ? await updateDraft(user, id, parsed.data as PolicyEditInput, ip)
      : await policyStep(user, id, parsed.intent as "submit", {
          comment: "comment" in parsed.data ? String(parsed.data.comment ?? "") : "",
          ip,
        });
  if (!r.ok) {
    if (r.status === 403) await deny(request, user, r.message);
    const field = "field" in r ? r.field : undefined;
    return json(
      {
        ok: false as const,
        formError: field ? null : r.message,
        fieldErrors: field ? { [field]: r.message } : {},
        values,
      },
      { status: r.status },
    );
  }
  return redirect(
    `/policy/manage/${id}?done=${parsed.intent === "save" ? "saved" : parsed.intent}`,
  );
}

export default function PolicyManageDocPage() {
  const { doc, values, reviews, versions, laws, notice, can, ownReview } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/policy/manage">← 政策解读管理</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{doc.title}</h1>
      <p>
        状态：<strong>{stageLabel(doc.stage, doc.publishedVersion)}</strong> · 作者：
        {doc.author ?? "（待认领）"} · 解读对象：{doc.instrument}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {!can.edit ? <FormError message={data?.formError} /> : null}
      {doc.compareUrl ? (
        <p>
          新法速递：<Link to={doc.compareUrl}>查看新旧对照</Link>
          ，了解本次修改了哪些条文。
          {doc.author === null && can.edit
            ? "本条由法律法规库更新时自动生成，保存草稿后由您负责撰写和提交审核。"
            : ""}
        </p>
      ) : null}
      {doc.publishedVersion > 0 ? (
        <p>
          <Link to={`/policy/${doc.id}`}>查看已发布的第 {doc.publishedVersion} 版</Link>
        </p>
      ) : null}
      {ownReview ? <p role="status">已提交审核，等待政策法规科其他人员审核。</p> : null}
      {can.edit ? (
        <PolicyForm
          values={data?.values ?? values}
          laws={laws}
          errors={data?.fieldErrors ?? {}}
          formError={data?.formError}
          submitLabel="保存草稿"
        />
      ) : (
        <section className="rounded-lg border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">正文</h2>
          <p className="whitespace-pre-line break-words">{doc.body}</p>
        </section>
      )}
      {can.submit ? (
        <Form method="post">
          <Button type="submit" name="intent" value="submit">
            提交法规审核
          </Button>
        </Form>
      ) : null}
      {can.review ? (
        <Form method="post" className="space-y-2 rounded-lg border border-stone-300 bg-white p-4">
          <h2 className="font-semibold">法规审核</h2>
          <label htmlFor="review-comment" className="block">
            审核意见（退回时必填）
          </label>
          <textarea
            id="review-comment"
            name="comment"
            rows={3}
            maxLength={500}
            className="block w-full rounded border border-stone-400 px-3 py-2"
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" name="intent" value="approve">
              审核通过并发布
            </Button>
            <Button type="submit" name="intent" value="return" variant="secondary">
              退回修改
            </Button>
          </div>
        </Form>
      ) : null}
      {can.revise || can.repeal ? (
        <Form method="post" className="flex flex-wrap gap-3">
          {can.revise ? (
            <Button type="submit" name="intent" value="revise" variant="secondary">
              修订
            </Button>
          ) : null}
          {can.repeal ? (
            <ConfirmButton
              name="intent"
              value="repeal"
              label="废止"
              question="废止后读者列表不再显示本解读，确定废止吗？"
            />
          ) : null}
        </Form>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">审核记录</h2>
        {reviews.length === 0 ? <p>暂无。</p> : null}
        <ol className="space-y-1">
          {reviews.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.at)} {r.actor} {REVIEW_LABELS[r.action] ?? r.action}
              {r.comment ? `：${r.comment}` : ""}
            </li>
          ))}
        </ol>
      </section>
      {versions.length > 0 ? (
        <section>
          <h2 className="text-lg font-semibold">版本记录</h2>
          <ol>
            {versions.map((v) => (
              <li key={v.version}>
                <Link to={`/policy/${doc.id}?v=${v.version}`}>
                  第 {v.version} 版（{formatDateTime(v.publishedAt).slice(0, 10)}）
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
