import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { MaterialList, MaterialUpload } from "#app/components/events/materials-panel.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { EventOpsNotice } from "#app/components/events/ops-notice.tsx";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { label, METHOD_LABELS, SIGNUP_LABELS } from "#app/modules/events/labels.ts";
import { manageEventAction } from "#app/modules/events/manage-action.server.ts";
import { requireManagedEvent } from "#app/modules/events/managed.server.ts";
import { listMaterials } from "#app/modules/events/materials.server.ts";
import { citationLinesForForm, getRecord } from "#app/modules/events/record.server.ts";
import { eventReport } from "#app/modules/events/report.server.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";
import { signupList } from "#app/modules/events/signup.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? "活动"}（管理） - 法治学堂` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(request, params);
  const [signups, record, report, materials, settings] = await Promise.all([
    signupList(event.id),
    getRecord(event.id),
    eventReport(event.id),
    listMaterials(event.id),
    consultSettings(),
  ]);
  const { qrSecret: _s, ...shown } = event;
  const now = Date.now();
  return json({
    event: { ...shown, kindLabel: kindLabel(event.kind) },
    codeValid: !!event.checkCodeUntil && event.checkCodeUntil.getTime() > now,
    signups,
    record: record ? { ...record, citations: citationLinesForForm(record.citations) } : null,
    report,
    materials,
    limits: { maxFileMb: settings.maxFileMb, maxFiles: settings.maxFiles },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return manageEventAction(request, await requireManagedEvent(request, params));
}

const area = "mt-1 block w-full rounded border border-stone-400 px-3 py-2";

export default function ManageEvent() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const e = d.event;
  const err = (k: string) => (a && !a.ok ? a.fieldErrors[k] : undefined);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <p>
        <Link to="/manage/events">← 组织活动</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">{e.title}</h1>
      <p className="text-stone-700">
        {e.kindLabel} · {formatDateTime(e.startsAt).slice(0, 16)} 至{" "}
        {formatDateTime(e.endsAt).slice(0, 16)} · {e.creditHours} 学时 · 名额 {e.capacity}
      </p>
      <div aria-live="polite">
        {a?.ok ? <Notice>{a.message}</Notice> : null}
        {a && !a.ok ? <FormError message={a.formError} /> : null}
      </div>
      <EventOpsNotice cancelledAt={e.cancelledAt} reason={e.cancelReason} />
      <div className="flex flex-wrap gap-3">
        <Link to={`/manage/events/${e.id}/edit`}>修改或取消活动</Link>
        <Link to={`/manage/events/${e.id}/venue`} className="font-semibold">
          打开签到二维码（会场屏幕）
        </Link>
        <a href={`/manage/events/${e.id}/report`} download>
          导出活动报告 Excel
        </a>
        <Link to={`/manage/events/${e.id}/import`}>导入签到表</Link>
      </div>
      <section aria-labelledby="materials" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="materials" className="text-lg font-semibold">
          活动资料（{d.materials.length} 份）
        </h2>
        <p className="text-sm text-stone-600">参加范围内的人员可在活动页下载。</p>
        <MaterialList
          materials={d.materials}
          href={(m) => `/manage/events/${e.id}/materials/${m}`}
          remove
        />
        <MaterialUpload limits={d.limits} error={err("files")} count={d.materials.length} />
      </section>
      {e.meetingUrl ? (
        <section aria-labelledby="code" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="code" className="text-lg font-semibold">
            线上签到码
          </h2>
          {d.codeValid ? (
            <p>
              当前签到码：<strong className="font-mono text-xl">{e.checkCode}</strong>（
              {formatDateTime(e.checkCodeUntil!).slice(11, 16)} 前有效）
            </p>
          ) : (
            <p>在会议中段公布一个 6 位签到码，线上参加者在活动页输入后签到（10 分钟内有效）。</p>
          )}
          <Form method="post" className="mt-2">
            <Button type="submit" name="intent" value="reveal" disabled={busy}>
              {d.codeValid ? "更换签到码" : "公布签到码"}
            </Button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="people" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="people" className="text-lg font-semibold">
          报名与签到（{d.report.total.confirmed} 人报名，{d.report.total.waitlist} 人候补，
          {d.report.total.attended} 人签到）
        </h2>
        {d.signups.length === 0 ? (
          <p>还没有人报名。</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="rollcall" />
            <fieldset>
              <legend className="mb-1 font-medium">点名：勾选到场人员后提交</legend>
              <ul className="divide-y divide-stone-200">
                {d.signups.map((s) => (
                  <li key={s.userId} className="flex flex-wrap items-center gap-2 py-1">
                    <input
                      id={`p-${s.userId}`}
                      type="checkbox"
                      name="userId"
                      value={s.userId}
                      disabled={!!s.attendedBy}
                      className="size-4"
                    />
                    <label htmlFor={`p-${s.userId}`} className="break-words">
                      {s.name}（{s.username}，{s.unitName ?? "无单位"}）
                    </label>
                    <span className="text-sm text-stone-600">
                      {label(SIGNUP_LABELS, s.status)}
                      {s.assigned ? " · 指派" : ""}
                      {s.attendedBy ? ` · ${label(METHOD_LABELS, s.attendedBy)}` : ""}
                      {s.joinedAt ? ` · ${formatDateTime(s.joinedAt).slice(11, 16)} 线上入会` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            </fieldset>
            <Button type="submit" disabled={busy}>
              提交点名
            </Button>
          </Form>
        )}
        <Form method="post" className="mt-4">
          <input type="hidden" name="intent" value="assign" />
          <label htmlFor="assign-usernames" className="block font-medium">
            指派人员参加（工号，每行或用逗号分隔）
          </label>
          <textarea
            id="assign-usernames"
            name="usernames"
            rows={2}
            className={area}
            aria-invalid={err("usernames") ? true : undefined}
            aria-describedby={err("usernames") ? "assign-error" : undefined}
          />
          {err("usernames") ? (
            <p id="assign-error" className="text-sm text-red-700">
              {err("usernames")}
            </p>
          ) : null}
          <Button type="submit" disabled={busy} className="mt-2">
            指派
          </Button>
        </Form>
      </section>
      {e.kind === "CASE_STUDY" ? (
        <section aria-labelledby="record" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="record" className="text-lg font-semibold">
            研讨记录
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="record" />
            {(
              [
                ["minutes", "研讨纪要", 5, ""],
                ["conclusions", "研讨结论", 3, ""],
                ["casesCited", "引用案例（可选）", 2, ""],
                [
                  "citations",
                  "引用法条（可选，每行一条，如《行政处罚法》第三十二条）",
                  3,
                  "只能引用法律法规库中的条文；保存后显示为条文链接。",
                ],
              ] as const
            ).map(([name, text, rows, hint]) => (
              <div key={name} className="mb-3">
                <label htmlFor={`rec-${name}`} className="block font-medium">
                  {text}
                </label>
                <textarea
                  id={`rec-${name}`}
                  name={name}
                  rows={rows}
                  defaultValue={d.record?.[name] ?? ""}
                  className={area}
                  aria-invalid={err(name) ? true : undefined}
                  aria-describedby={err(name) ? `rec-${name}-error` : undefined}
                />
                {hint ? <p className="text-sm text-stone-600">{hint}</p> : null}
                {err(name) ? (
                  <p id={`rec-${name}-error`} className="text-sm text-red-700">
                    {err(name)}
                  </p>
                ) : null}
              </div>
            ))}
            <Button type="submit" disabled={busy}>
              保存研讨记录
            </Button>
          </Form>
          {d.record?.citationsHtml ? (
            <div className="mt-3">
              <h3 className="font-semibold">已保存的引用法条</h3>
              <div
                className="lesson break-words"
                dangerouslySetInnerHTML={{ __html: d.record.citationsHtml }}
              />
            </div>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="report" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="report" className="text-lg font-semibold">
          活动报告
        </h2>
        {d.report.units.length === 0 ? (
          <p>暂无报名或签到。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">按单位统计的报名与签到</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">单位</th>
                  <th scope="col">报名</th>
                  <th scope="col">候补</th>
                  <th scope="col">签到</th>
                  {e.meetingUrl ? <th scope="col">线上入会</th> : null}
                  {e.meetingUrl ? <th scope="col">签到码签到</th> : null}
                </tr>
              </thead>
              <tbody>
                {d.report.units.map((u) => (
                  <tr key={u.unitName}>
                    <td className="break-words">{u.unitName}</td>
                    <td>{u.confirmed}</td>
                    <td>{u.waitlist}</td>
                    <td>{u.attended}</td>
                    {e.meetingUrl ? <td>{u.joined}</td> : null}
                    {e.meetingUrl ? <td>{u.codeCheckedIn}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="mt-2">
          评价 {d.report.feedback.count} 条
          {d.report.feedback.average !== null ? `，平均 ${d.report.feedback.average} 分` : ""}
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
