import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { MaterialList } from "#app/components/events/materials-panel.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import { checkInWithCode } from "#app/modules/events/checkin.server.ts";
import { ATTENDEE_ROLES, getEvent, inAudience } from "#app/modules/events/events.server.ts";
import { label, METHOD_LABELS } from "#app/modules/events/labels.ts";
import { listMaterials } from "#app/modules/events/materials.server.ts";
import { saveFeedback } from "#app/modules/events/record.server.ts";
import {
  CancelSchema,
  CheckCodeSchema,
  FeedbackSchema,
  SignupSchema,
} from "#app/modules/events/schemas.ts";
import { cancelSignup, signUp } from "#app/modules/events/signup.server.ts";
import { staffEventPage } from "#app/modules/events/staff-page.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseIntentForm, readForm } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.event.title ?? "活动"} - 法治学堂` },
];

const IdParam = idField("活动编号");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const id = IdParam.safeParse(params.id);
  if (!id.success) throw new Response("活动不存在", { status: 404 });
  const page = await staffEventPage(user, id.data);
  if (!page) throw new Response("活动不存在或不面向您", { status: 404 });
  const materials = await listMaterials(id.data);
  return json({ ...page, materials, now: Date.now() });
}

const INTENTS = {
  signup: SignupSchema,
  cancel: CancelSchema,
  feedback: FeedbackSchema,
  code: CheckCodeSchema,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const id = IdParam.safeParse(params.id);
  if (!id.success) throw new Response("活动不存在", { status: 404 });
  const event = await getEvent(id.data);
  if (!event || !(await inAudience(user, id.data)))
    throw new Response("活动不存在或不面向您", { status: 404 });
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok) return badRequest(parsed);
  const ip = clientIp(request);
  const fail = (status: number, message: string) =>
    json(
      { ok: false as const, formError: message, fieldErrors: {} as Record<string, string> },
      { status },
    );
  const done = (message: string) => json({ ok: true as const, message });
  switch (parsed.intent) {
    case "signup": {
      const r = await signUp(user, event.id, ip);
      if (!r.ok) return fail(r.status, r.message);
      return done(
        r.status === "CONFIRMED" ? "报名成功，已为您保留座位" : "名额已满，您已进入候补名单",
      );
    }
    case "cancel": {
      const r = await cancelSignup(user, event.id, ip);
      return r.ok ? done("已取消报名") : fail(r.status, r.message);
    }
    case "feedback": {
      const data = parsed.data as { rating: number; comment: string };
      const r = await saveFeedback(user, event, data, ip);
      return r.ok ? done("感谢您的评价") : fail(409, r.message);
    }
    case "code": {
      const r = await checkInWithCode(user, event, (parsed.data as { code: string }).code, ip);
      if (!r.ok) return fail(r.status, r.message);
      return done(r.already ? "您已签到过" : `签到成功，获得 ${r.creditHours} 学时`);
    }
  }
  return fail(400, "未知的操作");
}

export default function EventPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const e = d.event;
  const started = new Date(e.startsAt).getTime() <= d.now;
  const over = new Date(e.endsAt).getTime() < d.now;
  const checkInOpen =
    new Date(e.checkInFrom).getTime() <= d.now && d.now <= new Date(e.checkInUntil).getTime();
  const full = d.confirmed >= e.capacity;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/events">← 讲座研讨</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">
        {e.cancelledAt ? <span className="text-red-800">【已取消】</span> : null}
        {e.title}
      </h1>
      {e.cancelledAt ? (
        <p role="status" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          本活动已取消，不再报名和签到。{e.cancelReason ? `原因：${e.cancelReason}` : ""}
        </p>
      ) : null}
      <div aria-live="polite">
        {a && a.ok ? <Notice>{a.message}</Notice> : null}
        {a && !a.ok ? <FormError message={a.formError} /> : null}
      </div>
      <section aria-labelledby="info" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="info" className="sr-only">
          活动信息
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 break-words">
          <dt className="text-stone-600">类型</dt>
          <dd>{e.kindLabel}</dd>
          <dt className="text-stone-600">时间</dt>
          <dd>
            {formatDateTime(e.startsAt).slice(0, 16)} 至 {formatDateTime(e.endsAt).slice(0, 16)}
          </dd>
          {e.room ? (
            <>
              <dt className="text-stone-600">地点</dt>
              <dd>{e.room}</dd>
            </>
          ) : null}
          {e.online ? (
            <>
              <dt className="text-stone-600">线上</dt>
              <dd>
                {e.cancelledAt ? (
                  "活动已取消"
                ) : d.signup?.status === "CONFIRMED" ? (
                  <>
                    <Link to={`/events/${e.id}/join`}>进入线上会议</Link>
                    <span className="block text-sm text-stone-700">
                      请通过本平台的入会链接进入会议，否则无法签到
                      {d.joinedAt
                        ? `（您已于 ${formatDateTime(d.joinedAt).slice(5, 16)} 通过平台入会）`
                        : ""}
                    </span>
                  </>
                ) : (
                  "报名成功后可通过本平台进入会议"
                )}
              </dd>
            </>
          ) : null}
          <dt className="text-stone-600">主讲</dt>
          <dd>{e.speakers.map((s) => `${s.name}（${s.title}）`).join("、")}</dd>
          <dt className="text-stone-600">学时</dt>
          <dd>{e.creditHours} 学时（签到后计入当年学时）</dd>
          <dt className="text-stone-600">名额</dt>
          <dd>
            {e.capacity} 人，已报名 {d.confirmed} 人{d.waitlist ? `，候补 ${d.waitlist} 人` : ""}
          </dd>
          <dt className="text-stone-600">签到时间</dt>
          <dd>
            {formatDateTime(e.checkInFrom).slice(0, 16)} 至{" "}
            {formatDateTime(e.checkInUntil).slice(0, 16)}
          </dd>
        </dl>
        {e.description ? <p className="mt-2 whitespace-pre-line">{e.description}</p> : null}
      </section>
      {e.kind === "CASE_STUDY" ? (
        <section aria-labelledby="case" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="case" className="text-lg font-semibold">
            案例材料与研讨问题
          </h2>
          <p className="mt-2 break-words whitespace-pre-line">{e.caseMaterials}</p>
          <h3 className="mt-3 font-semibold">研讨问题</h3>
          <p className="break-words whitespace-pre-line">{e.questions}</p>
        </section>
      ) : null}
      {d.materials.length ? (
        <section aria-labelledby="mats" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="mats" className="text-lg font-semibold">
            活动资料
          </h2>
          <MaterialList materials={d.materials} href={(m) => `/events/${e.id}/materials/${m}`} />
        </section>
      ) : null}
      <section aria-labelledby="mine" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="mine" className="text-lg font-semibold">
          我的报名与签到
        </h2>
        {d.attendance ? (
          <p className="text-green-800">
            已签到（{label(METHOD_LABELS, d.attendance.method)}，
            {formatDateTime(d.attendance.at).slice(0, 16)}），获得 {d.attendance.creditHours} 学时。
          </p>
        ) : e.cancelledAt ? (
          <p>活动已取消{d.signup ? "，您的报名随之作废" : ""}。</p>
        ) : d.signup ? (
          <p>
            {d.signup.status === "CONFIRMED"
              ? "您已报名，请按时参加并签到。"
              : `名额已满，您在候补名单第 ${d.signup.position} 位；有人取消时按顺序递补。`}
          </p>
        ) : started ? (
          <p>报名已截止。</p>
        ) : (
          <p>您尚未报名。{full ? "名额已满，现在报名将进入候补名单。" : ""}</p>
        )}
        {!started && !d.attendance && !e.cancelledAt ? (
          <Form method="post" className="mt-2">
            {d.signup ? (
              <ConfirmButton
                name="intent"
                value="cancel"
                label="取消报名"
                question="确定取消报名吗？座位将让给候补的同事。"
              />
            ) : (
              <Button type="submit" name="intent" value="signup" disabled={busy}>
                {full ? "报名候补" : "报名参加"}
              </Button>
            )}
          </Form>
        ) : null}
        {!d.attendance && checkInOpen && !e.cancelledAt ? (
          <div className="mt-3 space-y-2">
            <p className="text-sm text-stone-700">
              现场参加：用已登录的手机扫描会场屏幕上的二维码签到。
            </p>
            {e.online ? (
              <Form method="post">
                <p className="text-sm text-stone-700">
                  线上参加：请通过本平台的入会链接进入会议，否则无法签到。
                </p>
                <input type="hidden" name="intent" value="code" />
                <Field
                  label="线上签到码（6 位数字，由组织者在会议中公布）"
                  name="code"
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={6}
                  error={a && !a.ok ? a.fieldErrors.code : undefined}
                />
                <Button type="submit" disabled={busy}>
                  提交签到码
                </Button>
              </Form>
            ) : null}
          </div>
        ) : null}
      </section>
      {d.attendance && over ? (
        <section aria-labelledby="fb" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="fb" className="text-lg font-semibold">
            活动评价
          </h2>
          <Form method="post">
            <input type="hidden" name="intent" value="feedback" />
            <fieldset className="mb-3">
              <legend className="font-medium">总体评分（1 分最低，5 分最高）</legend>
              <div className="flex flex-wrap gap-3">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} className="flex items-center gap-1">
                    <input
                      type="radio"
                      name="rating"
                      value={n}
                      defaultChecked={d.feedback?.rating === n}
                      className="size-4"
                    />
                    {n} 分
                  </label>
                ))}
              </div>
            </fieldset>
            <label htmlFor="comment" className="block font-medium">
              意见建议（可选）
            </label>
            <textarea
              id="comment"
              name="comment"
              rows={3}
              maxLength={1000}
              defaultValue={d.feedback?.comment ?? ""}
              className="mt-1 mb-3 block w-full rounded border border-stone-400 px-3 py-2"
            />
            <Button type="submit" disabled={busy}>
              {d.feedback ? "修改评价" : "提交评价"}
            </Button>
          </Form>
        </section>
      ) : null}
      {d.record ? (
        <section aria-labelledby="rec" className="rounded border border-stone-300 bg-white p-4">
          <h2 id="rec" className="text-lg font-semibold">
            研讨记录
          </h2>
          <h3 className="mt-2 font-semibold">纪要</h3>
          <p className="break-words whitespace-pre-line">{d.record.minutes}</p>
          <h3 className="mt-2 font-semibold">结论</h3>
          <p className="break-words whitespace-pre-line">{d.record.conclusions}</p>
          {d.record.casesCited ? (
            <>
              <h3 className="mt-2 font-semibold">引用案例</h3>
              <p className="break-words whitespace-pre-line">{d.record.casesCited}</p>
            </>
          ) : null}
          {d.record.citationsHtml ? (
            <>
              <h3 className="mt-2 font-semibold">引用法条</h3>
              <div
                className="lesson break-words"
                dangerouslySetInnerHTML={{ __html: d.record.citationsHtml }}
              />
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
