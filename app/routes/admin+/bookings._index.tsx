import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, Notice, SelectField } from "#app/components/ui/field.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { adminBookings, expertOptions } from "#app/modules/booking/admin.server.ts";
import { sendDayBeforeReminders } from "#app/modules/booking/remind.server.ts";
import { AdminBookingFilterSchema } from "#app/modules/booking/schemas.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import {
  bookingKind,
  STATE_LABELS,
  stateLabel,
  TYPE_LABELS,
  typeLabel,
} from "#app/modules/booking/state.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { chineseDay, formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "预约管理 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const filter = parseQuery(request, AdminBookingFilterSchema);
  if (!filter.success) throw new Response("筛选条件无效", { status: 400 });
  return json({
    filter: filter.data,
    ...(await adminBookings(filter.data)),
    experts: await expertOptions(),
    today: beijingDay(Date.now()),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const parsed = await parseForm(request, z.object({ intent: z.literal("remind") }).strict());
  if (!parsed.ok) return badRequest(parsed);
  const r = await sendDayBeforeReminders(admin);
  return redirect(`/admin/bookings?reminded=${r.bookings}`);
}

export default function AdminBookings() {
  const { filter, rows, total, pages, experts, today } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([k, v]) => k !== "page" && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">预约管理</h1>
      {params.get("reminded") !== null ? (
        <Notice>已为 {params.get("reminded")} 个明天的预约发送提醒。</Notice>
      ) : null}
      <Form
        method="get"
        className="grid gap-x-4 rounded-lg border border-stone-300 bg-white p-4 sm:grid-cols-3"
      >
        <SelectField label="状态" name="status" defaultValue={filter.status}>
          <option value="">全部</option>
          {Object.entries(STATE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </SelectField>
        <SelectField label="类型" name="type" defaultValue={filter.type}>
          <option value="">全部</option>
          {Object.entries(TYPE_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </SelectField>
        <SelectField label="专家" name="expert" defaultValue={String(filter.expert)}>
          <option value="">全部</option>
          {experts.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </SelectField>
        <Field label="开始日期（起）" name="from" type="date" defaultValue={filter.from} />
        <Field label="开始日期（止）" name="to" type="date" defaultValue={filter.to} />
        <Field label="企业名称、信用代码或主题" name="q" defaultValue={filter.q} />
        <div className="mb-4 flex items-center gap-2 sm:col-span-3">
          <input
            id="f-overdue"
            type="checkbox"
            name="overdue"
            value="1"
            defaultChecked={filter.overdue === "1"}
            className="h-5 w-5"
          />
          <label htmlFor="f-overdue">只看逾期的合同审查（已过承诺完成日期）</label>
        </div>
        <div className="flex flex-wrap gap-3 sm:col-span-3">
          <Button type="submit">筛选</Button>
          <a
            href={`/admin/bookings/export?${query}`}
            className="rounded border border-stone-400 px-4 py-2 no-underline"
          >
            导出 CSV
          </a>
        </div>
      </Form>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="intent" value="remind" />
        <Button type="submit" variant="secondary">
          立即发送明日预约提醒
        </Button>
        <span className="text-sm text-stone-600">
          每个预约只提醒一次；也可每天用 npm run consult:remind 定时发送。
        </span>
      </Form>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left">
          <thead>
            <tr className="border-b">
              {["编号", "时间", "类型", "企业", "专家", "主题", "状态", "文件", "评分"].map((h) => (
                <th key={h} scope="col" className="py-1">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-b border-stone-200">
                <td className="py-1">{r.id}</td>
                <td>
                  {r.wishDate
                    ? r.promisedDate
                      ? `承诺 ${chineseDay(r.promisedDate)}前`
                      : `期望 ${chineseDay(r.wishDate)}前`
                    : formatDateTime(r.startAt).slice(0, 16)}
                </td>
                <td>{typeLabel(r.type)}</td>
                <td>{r.enterprise}</td>
                <td>{r.expert}</td>
                <td>
                  <Link to={`/consult/bookings/${r.id}`}>{r.topic}</Link>
                </td>
                <td>
                  {stateLabel(r.status, bookingKind(r))}
                  {r.status === "CONFIRMED" && r.promisedDate && r.promisedDate < today ? (
                    <span className="ml-2 rounded bg-red-100 px-2 text-red-800">已逾期</span>
                  ) : null}
                </td>
                <td>{r.files}</td>
                <td>{r.ratingScore ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={filter.page} pages={pages} total={total} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
