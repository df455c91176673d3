import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { CancelEventSchema, EditEventSchema } from "#app/modules/events/ops-schemas.ts";
import { cancelEvent, editable, editEvent } from "#app/modules/events/ops.server.ts";
import { MAX_EVENT_HOURS, MIN_EVENT_HOURS, toBeijingLocal } from "#app/modules/events/schemas.ts";
import { requireManagedEvent } from "#app/modules/events/managed.server.ts";
import { badRequest, parseIntentForm, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `修改或取消活动：${data?.title ?? ""} - 法治学堂` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireManagedEvent(request, params);
  const now = new Date();
  return json({
    id: event.id,
    title: event.title,
    cancelled: event.cancelledAt !== null,
    cancelReason: event.cancelReason,
    over: event.endsAt <= now,
    locked: editable(event, now),
    values: {
      title: event.title,
      startsAt: toBeijingLocal(event.startsAt),
      endsAt: toBeijingLocal(event.endsAt),
      checkInFrom: toBeijingLocal(event.checkInFrom),
      checkInUntil: toBeijingLocal(event.checkInUntil),
      room: event.room ?? "",
      meetingUrl: event.meetingUrl ?? "",
      capacity: String(event.capacity),
      creditHours: String(event.creditHours),
    },
  });
}

const INTENTS = { edit: EditEventSchema, cancel: CancelEventSchema };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await requireManagedEvent(request, params);
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok)
    return badRequest({ ...parsed, formError: parsed.formError ?? "请修改标出的项目" });
  const ip = clientIp(request);
  const fail = (status: number, message: string, field?: string) =>
    json(
      {
        ok: false as const,
        formError: message,
        fieldErrors: (field ? { [field]: message } : {}) as Record<string, string>,
      },
      { status },
    );
  if (parsed.intent === "cancel") {
    const r = await cancelEvent(user, event, (parsed.data as { reason: string }).reason, ip);
    if (!r.ok) return fail(r.status, r.message, r.field);
    return redirect(`/manage/events/${event.id}?cancelled=${r.notified}`);
  }
  const r = await editEvent(user, event, parsed.data as Parameters<typeof editEvent>[2], ip);
  if (!r.ok) return fail(r.status, r.message, r.field);
  return redirect(`/manage/events/${event.id}?saved=${r.notified}`);
}

export default function EditEvent() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const err = (k: string) => (a && !a.ok ? a.fieldErrors[k] : undefined);
  const v = d.values;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to={`/manage/events/${d.id}`}>← 返回活动管理</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">修改或取消活动：{d.title}</h1>
      <div aria-live="polite">
        <FormError message={a && !a.ok ? a.formError : undefined} />
      </div>
      {d.cancelled ? (
        <p role="status" className="rounded border border-red-300 bg-red-50 p-3 text-red-900">
          本活动已取消{d.cancelReason ? `（原因：${d.cancelReason}）` : ""}，不能再修改。
        </p>
      ) : null}
      <section aria-labelledby="edit" className="rounded border border-stone-300 bg-white p-4">
        <h2 id="edit" className="text-lg font-semibold">
          修改活动
        </h2>
        {d.locked ? (
          <p>{d.locked}。</p>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="edit" />
            <p className="mb-3 text-sm text-stone-700">
              时间或地点变更后，系统会通知所有已报名和候补的人员。
            </p>
            <Field
              label="活动名称"
              name="title"
              required
              maxLength={60}
              defaultValue={v.title}
              error={err("title")}
            />
            <fieldset className="mb-4">
              <legend className="font-medium">时间（北京时间）</legend>
              {(
                [
                  ["startsAt", "开始时间"],
                  ["endsAt", "结束时间"],
                  ["checkInFrom", "签到开始时间"],
                  ["checkInUntil", "签到截止时间"],
                ] as const
              ).map(([name, label]) => (
                <Field
                  key={name}
                  label={label}
                  name={name}
                  type="datetime-local"
                  defaultValue={v[name]}
                  error={err(name)}
                />
              ))}
            </fieldset>
            <fieldset className="mb-4">
              <legend className="font-medium">地点（至少填一项）</legend>
              <Field
                label="会场"
                name="room"
                maxLength={100}
                defaultValue={v.room}
                error={err("room")}
              />
              <Field
                label="线上会议链接"
                name="meetingUrl"
                type="url"
                maxLength={500}
                defaultValue={v.meetingUrl}
                hint="只接受 http:// 或 https:// 开头的地址；参加者通过本平台的入会链接进入"
                error={err("meetingUrl")}
              />
            </fieldset>
            <Field
              label="名额"
              name="capacity"
              inputMode="numeric"
              required
              defaultValue={v.capacity}
              hint="不能少于已报名人数；增加名额时候补人员按顺序转正"
              error={err("capacity")}
            />
            <Field
              label="学时"
              name="creditHours"
              inputMode="decimal"
              required
              defaultValue={v.creditHours}
              hint={`${MIN_EVENT_HOURS} 到 ${MAX_EVENT_HOURS}，以 0.5 为单位；已签到人员的学时不变`}
              error={err("creditHours")}
            />
            <Button type="submit" disabled={busy}>
              保存修改
            </Button>
          </Form>
        )}
      </section>
      {!d.cancelled && !d.over ? (
        <section aria-labelledby="cancel" className="rounded border border-red-300 bg-white p-4">
          <h2 id="cancel" className="text-lg font-semibold">
            取消活动
          </h2>
          <Form method="post" noValidate>
            <p className="mb-2 text-sm text-stone-700">
              取消后不能恢复；已报名和候补的人员会收到通知，活动不再接受报名和签到。
            </p>
            <Field
              label="取消原因（会告知报名人员）"
              name="reason"
              required
              maxLength={200}
              error={err("reason")}
            />
            <ConfirmButton
              name="intent"
              value="cancel"
              label="取消活动"
              question="确定取消这个活动吗？取消后不能恢复。"
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
