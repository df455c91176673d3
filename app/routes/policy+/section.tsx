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
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import {
  addSectionMember,
  removeSectionMember,
  sectionMembers,
} from "#app/modules/policy/access.server.ts";
import { DoneQuerySchema, doneOf, SectionSchemas } from "#app/modules/policy/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseIntentForm, parseQuery, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { roleLabel } from "#app/utils/roles.ts";

export const meta: MetaFunction = () => [{ title: "政策法规科人员 - 法治学堂" }];

// ADMIN keeps the 政策法规科 list (decision 0023): its members write and review 政策解读.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const { done } = doneOf(parseQuery(request, DoneQuerySchema));
  return json({
    members: await sectionMembers(),
    done: done === "add" || done === "remove" ? done : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = parseIntentForm(await readForm(request), SectionSchemas);
  if (!parsed.ok) return badRequest(parsed);
  const ip = clientIp(request);
  const data = parsed.data;
  const r =
    "username" in data
      ? await addSectionMember(admin, data.username, ip)
      : await removeSectionMember(admin, data.userId, ip);
  if (!r.ok)
    return json(
      { ok: false as const, formError: r.message, fieldErrors: {} },
      { status: r.status },
    );
  return redirect(`/policy/section?done=${parsed.intent}`);
}

export default function SectionPage() {
  const { members, done } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/policy/manage">← 政策解读管理</Link>
      </p>
      <h1 className="text-2xl font-bold">政策法规科人员</h1>
      <p className="text-stone-700">
        这里的人员可以撰写、审核和废止政策解读（不能审核自己撰写的解读）；法律顾问可以撰写，但不能审核。
      </p>
      {done ? (
        <Notice>{done === "add" ? "已加入政策法规科。" : "已移出政策法规科。"}</Notice>
      ) : null}
      <FormError message={data?.formError} />
      <Form method="post" className="rounded-lg border border-stone-300 bg-white p-4">
        <input type="hidden" name="intent" value="add" />
        <Field
          label="用户名（工号）"
          name="username"
          maxLength={64}
          hint="只能加入工作人员或培训管理员"
        />
        <Button type="submit">加入</Button>
      </Form>
      {members.length === 0 ? (
        <p>政策法规科还没有人员。</p>
      ) : (
        <ul className="space-y-2">
          {members.map((m) => (
            <li
              key={m.id}
              className="flex flex-wrap items-center gap-3 rounded border border-stone-300 bg-white p-3"
            >
              <span>
                {m.name}（{m.username}，{roleLabel(m.role)}，{m.unit ?? "—"}）
              </span>
              <Form method="post">
                <input type="hidden" name="userId" value={m.id} />
                <ConfirmButton
                  name="intent"
                  value="remove"
                  label="移出"
                  question={`确定把${m.name}移出政策法规科吗？`}
                />
              </Form>
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
