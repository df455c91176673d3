import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { UnitForms } from "#app/components/unit-forms.tsx";
import { UnitSearch } from "#app/components/unit-search.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import {
  createUnit,
  deleteUnit,
  getBreadcrumbs,
  getUnit,
  listChildren,
  moveUnit,
  renameUnit,
} from "#app/modules/org/org.server.ts";
import {
  CreateUnitSchema,
  DeleteUnitSchema,
  MoveUnitSchema,
  RenameUnitSchema,
  TIER_LABELS,
  UNIT_KINDS,
} from "#app/modules/org/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm, parseIntentForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "单位详情 - 法治学堂" }];

const IdParam = idField();

async function loadUnit(params: { unitId?: string }) {
  const id = IdParam.safeParse(params.unitId);
  const unit = id.success ? await getUnit(id.data) : null;
  if (!unit) throw new Response("单位不存在", { status: 404 });
  return unit;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const unit = await loadUnit(params);
  return json({
    unit,
    crumbs: await getBreadcrumbs(unit.path),
    children: await listChildren(unit.id),
  });
}

/** A 400 that says which of the page's forms it belongs to. */
function fail(
  intent: string,
  formError: string | null | undefined,
  fieldErrors: Record<string, string> = {},
) {
  return json(
    { ok: false as const, intent, formError: formError ?? null, fieldErrors },
    { status: 400 },
  );
}

const SCHEMAS = {
  create: CreateUnitSchema,
  rename: RenameUnitSchema,
  move: MoveUnitSchema,
  delete: DeleteUnitSchema,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const unit = await loadUnit(params);
  const parsed = parseIntentForm(await readForm(request), SCHEMAS);
  const intent = parsed.intent;
  if (!parsed.ok) return fail(intent, parsed.formError, parsed.fieldErrors);
  const ip = clientIp(request);
  const data = parsed.data;
  const result =
    data.intent === "create"
      ? await createUnit(admin, ip, unit.id, { name: data.name, code: data.code, kind: data.kind })
      : data.intent === "rename"
        ? await renameUnit(admin, ip, unit.id, data.name)
        : data.intent === "move"
          ? await moveUnit(admin, ip, unit.id, data.parentCode)
          : await deleteUnit(admin, ip, unit.id);
  if (!result.ok)
    return fail(
      intent,
      "formError" in result ? result.formError : null,
      "fieldErrors" in result ? result.fieldErrors : undefined,
    );
  if (data.intent === "delete" && "parentId" in result)
    return redirect(`/admin/units/${result.parentId}?notice=deleted`);
  return redirect(`/admin/units/${unit.id}?notice=${data.intent}`);
}

const NOTICES: Record<string, string> = {
  create: "下级单位已创建。",
  rename: "单位已重命名。",
  move: "单位已移动。",
  deleted: "单位已删除。",
};

export default function UnitPage() {
  const { unit, crumbs, children } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  return (
    <div className="space-y-6">
      <UnitSearch />
      <nav aria-label="单位层级">
        <ol className="flex flex-wrap gap-1 text-sm">
          {crumbs.map((c, i) => (
            <li key={c.id}>
              {i > 0 ? <span aria-hidden="true"> / </span> : null}
              {c.id === unit.id ? (
                <span aria-current="page">{c.name}</span>
              ) : (
                <Link to={`/admin/units/${c.id}`}>{c.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1 className="text-2xl font-bold">{unit.name}</h1>
      <p className="text-stone-700">
        编码 {unit.code} · {UNIT_KINDS[unit.kind as keyof typeof UNIT_KINDS] ?? "市（根单位）"} ·{" "}
        {TIER_LABELS[unit.tier]}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <section aria-labelledby="children-title">
        <h2 id="children-title" className="mb-2 text-lg font-semibold">
          下级单位（{children.length}）
        </h2>
        {children.length === 0 ? (
          <p className="rounded border border-dashed border-stone-400 p-4">该单位没有下级单位。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[32rem] bg-white text-left">
              <thead>
                <tr className="border-b-2 border-stone-300">
                  <th scope="col" className="p-2">
                    名称
                  </th>
                  <th scope="col" className="p-2">
                    编码
                  </th>
                  <th scope="col" className="p-2">
                    类型
                  </th>
                  <th scope="col" className="p-2 text-right">
                    下级单位
                  </th>
                  <th scope="col" className="p-2 text-right">
                    本单位人员
                  </th>
                  <th scope="col" className="p-2 text-right">
                    含下级人员
                  </th>
                </tr>
              </thead>
              <tbody>
                {children.map((c) => (
                  <tr key={c.id} className="border-b border-stone-200">
                    <td className="p-2">
                      <Link to={`/admin/units/${c.id}`}>{c.name}</Link>
                    </td>
                    <td className="p-2">{c.code}</td>
                    <td className="p-2">
                      {UNIT_KINDS[c.kind as keyof typeof UNIT_KINDS] ?? c.kind}
                    </td>
                    <td className="p-2 text-right">{c.childCount}</td>
                    <td className="p-2 text-right">{c.userCount}</td>
                    <td className="p-2 text-right">{c.subtreeUserCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <UnitForms unit={unit} actionData={actionData} />
      {unit.parentId ? (
        <section
          aria-labelledby="delete-title"
          className="rounded-lg border border-red-300 bg-white p-4"
        >
          <h2 id="delete-title" className="mb-2 text-lg font-semibold">
            删除单位
          </h2>
          <p className="mb-3 text-sm text-stone-700">
            只有没有下级单位、也没有人员的单位才能删除。
          </p>
          {actionData?.intent === "delete" ? <FormError message={actionData.formError} /> : null}
          <Form method="post">
            <ConfirmButton
              name="intent"
              value="delete"
              label="删除该单位"
              question={`确定删除“${unit.name}”吗？此操作不能撤销。`}
            />
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
