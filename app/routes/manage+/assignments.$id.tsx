import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PersonTable } from "#app/components/person-table.tsx";
import { UnitRates } from "#app/components/unit-rates.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import {
  canEdit,
  extendAssignment,
  getVisibleAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import {
  lastReminders,
  remindBehind,
  remindOne,
  type RemindResult as Reminded,
} from "#app/modules/assignments/remind.server.ts";
import { RemindResult } from "#app/components/remind-result.tsx";
import { mailEnabled } from "#app/modules/notifications/mail.server.ts";
import {
  behindCount,
  personList,
  rate,
  unitRollup,
} from "#app/modules/assignments/rollup.server.ts";
import { pageOfUnits } from "#app/modules/assignments/unit-page.ts";
import {
  AuditFilterSchema,
  dueDayOf,
  ExtendAssignmentSchema,
  RemindOneSchema,
  RemindSchema,
  WithdrawAssignmentSchema,
} from "#app/modules/assignments/schemas.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { getBreadcrumbs } from "#app/modules/org/org.server.ts";
import { badRequest, readForm, parseQuery, parseIntentForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "学习任务详情 - 法治学堂" }];
const PAGE = 50;

async function load(request: Request, idParam: string | undefined, unitId?: number) {
  const { user, unit } = await requireManagerUnit(request, unitId);
  const id = idField().safeParse(idParam);
  const assignment = id.success ? await getVisibleAssignment(user, id.data) : null;
  if (!assignment) throw new Response("学习任务不存在", { status: 404 });
  return { user, unit, assignment };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const filter = parseQuery(request, AuditFilterSchema);
  if (!filter.success) throw new Response("筛选条件无效", { status: 400 });
  const { user, unit, assignment } = await load(request, params.id, filter.data.unit);
  const ids = [assignment.id];
  const { total, rows } = await unitRollup(ids, unit);
  const crumbs = await getBreadcrumbs(unit.path);
  const people = await personList(ids, unit, {
    status: filter.data.status,
    page: filter.data.page,
    pageSize: PAGE,
  });
  const last = await lastReminders(
    assignment.id,
    people.rows.map((p) => p.userId),
  );
  const home = user.role === "ADMIN" ? crumbs[0]?.id : user.orgUnitId;
  return json({
    assignment: {
      ...assignment,
      dueDay: dueDayOf(assignment.dueAt),
      editable: canEdit(user, assignment),
    },
    unit: { id: unit.id, name: unit.name },
    crumbs: crumbs.slice(
      Math.max(
        0,
        crumbs.findIndex((c) => c.id === home),
      ),
    ),
    total: { ...total, rate: rate(total) },
    units: pageOfUnits(rows, filter.data.sort, filter.data.upage),
    people,
    lastReminded: Object.fromEntries([...last].map(([id, at]) => [String(id), at.toISOString()])),
    filter: filter.data,
    behind: assignment.withdrawnAt ? 0 : await behindCount(assignment.id, unit.id),
    mail: mailEnabled(),
  });
}

const INTENTS = {
  remind: RemindSchema,
  "remind-one": RemindOneSchema,
  extend: ExtendAssignmentSchema,
  withdraw: WithdrawAssignmentSchema,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, unit, assignment } = await load(request, params.id);
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok) return badRequest(parsed);
  const ip = clientIp(request);
  if (parsed.data.intent === "remind" || parsed.data.intent === "remind-one") {
    if (assignment.withdrawnAt) return badRequest({ formError: "任务已撤回，不能再发送提醒" });
    let r: Reminded | null;
    if (parsed.data.intent === "remind") r = await remindBehind(user, ip, assignment, unit.path);
    else r = await remindOne(user, ip, assignment, unit.path, parsed.data.userId);
    if (!r) return badRequest({ formError: "该人员不在您的管理范围内，或已完成该任务" });
    // Answered in place (no redirect): the page names who was reminded and who was skipped.
    // Sending the form again is harmless: everyone reminded is skipped for 24 hours.
    return json({ ok: true as const, remind: { ...r, mail: mailEnabled() } });
  }
  if (!canEdit(user, assignment))
    throw new Response("只有任务布置单位可以修改该任务", { status: 403 });
  if (parsed.data.intent === "extend") {
    const r = await extendAssignment(user, ip, assignment.id, parsed.data.dueDate);
    if (r.ok) return redirect(`/manage/assignments/${assignment.id}?notice=extended`);
    return badRequest({
      formError: r.formError ?? "截止日期未修改",
      fieldErrors: "fieldErrors" in r ? r.fieldErrors : {},
    });
  }
  const r = await withdrawAssignment(user, ip, assignment.id);
  return r.ok
    ? redirect(`/manage/assignments/${assignment.id}?notice=withdrawn`)
    : badRequest({ formError: r.formError });
}

export default function AssignmentPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const [params] = useSearchParams();
  const a = d.assignment;
  const href = (unit: number, extra: Record<string, string> = {}) =>
    `?${new URLSearchParams({ unit: String(unit), ...extra })}`;
  return (
    <div className="space-y-6">
      <p>
        <Link to="/manage/assignments">← 学习任务</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {a.title}
        {a.withdrawnAt ? "（已撤回）" : ""}
      </h1>
      <p className="text-stone-700">
        课程：{a.courses.map((c) => c.course.title).join("、")} · 截止 {a.dueDay}
        {a.note ? ` · ${a.note}` : ""}
      </p>
      {params.get("notice") === "extended" ? <Notice>截止日期已延长。</Notice> : null}
      {params.get("notice") === "withdrawn" ? <Notice>任务已撤回，不再计入统计。</Notice> : null}
      {actionData && "remind" in actionData ? <RemindResult r={actionData.remind} /> : null}
      <FormError message={failed?.formError} />
      <nav aria-label="单位层级" className="text-sm">
        {d.crumbs.map((c, i) => (
          <span key={c.id}>
            {i > 0 ? " / " : ""}
            {c.id === d.unit.id ? (
              <span aria-current="page">{c.name}</span>
            ) : (
              <Link to={href(c.id)}>{c.name}</Link>
            )}
          </span>
        ))}
      </nav>
      <section
        aria-labelledby="rate-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="rate-title" className="mb-2 text-lg font-semibold">
          {d.unit.name}：完成率 {d.total.rate}%（{d.total.completed} / {d.total.assigned}）
        </h2>
        <UnitRates
          units={d.units}
          sort={d.filter.sort}
          total={d.total}
          title={`${d.unit.name}各下级单位完成率`}
          caption={`${d.unit.name}完成情况`}
          drillHref={(u) => href(u, { sort: d.filter.sort })}
        />
        <p className="mt-3 flex flex-wrap gap-4 text-sm">
          <a
            href={`/manage/export?${new URLSearchParams({ assignment: String(a.id), unit: String(d.unit.id), table: "units", format: "csv" })}`}
          >
            导出单位汇总 CSV
          </a>
          <a
            href={`/manage/export?${new URLSearchParams({ assignment: String(a.id), unit: String(d.unit.id), table: "units", format: "xlsx" })}`}
          >
            导出单位汇总 Excel
          </a>
          <a
            href={`/manage/export?${new URLSearchParams({ assignment: String(a.id), unit: String(d.unit.id), table: "people", format: "csv" })}`}
          >
            导出人员明细 CSV
          </a>
          <a
            href={`/manage/export?${new URLSearchParams({ assignment: String(a.id), unit: String(d.unit.id), table: "people", format: "xlsx" })}`}
          >
            导出人员明细 Excel
          </a>
        </p>
      </section>
      <PersonTable
        people={d.people}
        filter={d.filter}
        unitId={d.unit.id}
        pageSize={50}
        keep={{ sort: d.filter.sort, upage: String(d.units.page) }}
        remind={{ last: d.lastReminded, enabled: !a.withdrawnAt }}
      />
      {!a.withdrawnAt ? (
        <section
          aria-labelledby="actions-title"
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id="actions-title" className="mb-3 text-lg font-semibold">
            督办
          </h2>
          <Form method="post" className="mb-4">
            <p className="mb-2">
              {d.unit.name}及下级单位中有 {d.behind} 人尚未完成。每人每个任务 24
              小时内最多提醒一次，24 小时内已提醒的人员会被跳过。
            </p>
            {d.behind > 0 ? (
              <ConfirmButton
                name="intent"
                value="remind"
                label={`向未完成的 ${d.behind} 人发送提醒`}
                question={`将向 ${d.behind} 名未完成人员发送站内提醒（24 小时内已提醒的人员会被跳过）${d.mail ? "，并向留有邮箱的人员发送邮件" : "（邮件服务未开启，只发站内通知）"}，确定吗？`}
                variant="secondary"
              />
            ) : null}
          </Form>
          {a.editable ? (
            <div className="flex flex-wrap items-end gap-6">
              <Form method="post" className="flex items-end gap-2">
                <input type="hidden" name="intent" value="extend" />
                <Field
                  label="延长截止日期"
                  name="dueDate"
                  type="date"
                  className="mb-0"
                  error={
                    failed?.fieldErrors && "dueDate" in failed.fieldErrors
                      ? String(failed.fieldErrors.dueDate)
                      : undefined
                  }
                />
                <Button type="submit" variant="secondary">
                  延长
                </Button>
              </Form>
              <Form method="post">
                <ConfirmButton
                  name="intent"
                  value="withdraw"
                  label="撤回任务"
                  question="撤回后任务保留记录但不再计入统计，确定吗？"
                />
              </Form>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
