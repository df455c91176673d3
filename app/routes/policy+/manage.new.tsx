import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { EMPTY_POLICY, PolicyForm } from "#app/components/policy/policy-form.tsx";
import { lawSummaries } from "#app/modules/laws/library.server.ts";
import { policyRights } from "#app/modules/policy/access.server.ts";
import { createDraft } from "#app/modules/policy/docs.server.ts";
import { submittedValues } from "#app/modules/policy/form-values.ts";
import { PolicyEditSchema } from "#app/modules/policy/schemas.ts";
import { deny, requireUser } from "#app/utils/auth.server.ts";
import { parseFormData, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "撰写政策解读 - 法治学堂" }];

async function requireAuthor(request: Request) {
  const user = await requireUser(request);
  if (!(await policyRights(user)).author) await deny(request, user, "not a policy author");
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAuthor(request);
  return json({ laws: lawSummaries().map((l) => ({ id: l.id, title: l.title })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAuthor(request);
  const form = await readForm(request);
  // A refusal sends the submitted text back: without JavaScript the page is rendered anew.
  const values = submittedValues(form);
  const parsed = form
    ? parseFormData(form, PolicyEditSchema)
    : { ok: false as const, formError: "无法读取提交的表单", fieldErrors: {} };
  if (!parsed.ok)
    return json(
      { ok: false as const, formError: parsed.formError, fieldErrors: parsed.fieldErrors, values },
      { status: 400 },
    );
  const r = await createDraft(user, parsed.data, clientIp(request));
  if (!r.ok)
    return json(
      {
        ok: false as const,
        formError: r.field ? null : r.message,
        fieldErrors: r.field ? { [r.field]: r.message } : {},
        values,
      },
      { status: r.status },
    );
  return redirect(`/policy/manage/${r.id}?done=saved`);
}

export default function NewPolicyPage() {
  const { laws } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/policy/manage">← 政策解读管理</Link>
      </p>
      <h1 className="text-2xl font-bold">撰写政策解读</h1>
      <p className="text-stone-700">
        保存后为草稿；提交审核后由政策法规科的其他人员审核，通过后发布。
      </p>
      <PolicyForm
        values={data?.values ?? EMPTY_POLICY}
        laws={laws}
        errors={data?.fieldErrors ?? {}}
        formError={data?.formError}
        submitLabel="保存草稿"
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
