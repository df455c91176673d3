import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { createEvent, platformExperts } from "#app/modules/events/events.server.ts";
import {
  CreateEventSchema,
  EVENT_KINDS,
  KIND_LABELS,
  MAX_EVENT_HOURS,
  MIN_EVENT_HOURS,
} from "#app/modules/events/schemas.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "新建活动 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { unit } = await requireManagerUnit(request);
  return json({ unit: { name: unit.name, code: unit.code }, experts: await platformExperts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireManagerUnit(request);
  const parsed = await parseForm(request, CreateEventSchema);
  if (!parsed.ok)
    return badRequest({ ...parsed, formError: parsed.formError ?? "请修改标出的项目" });
  const result = await createEvent(user, clientIp(request), parsed.data);
  if (!result.ok) return badRequest({ formError: "活动未创建", fieldErrors: result.fieldErrors });
  return redirect(`/manage/events/${result.id}`);
}

function TextArea({
  label,
  name,
  error,
  hint,
  rows = 3,
  defaultValue,
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  rows?: number;
  defaultValue?: string;
}) {
  const id = useId();
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].join(" ").trim() || undefined
        }
        className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export default function NewEvent() {
  const { unit, experts } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const err = (name: string) => a?.fieldErrors?.[name];
  return (
    <div className="mx-auto max-w-2xl rounded-lg border border-stone-300 bg-white p-4 sm:p-6">
      <p className="mb-2">
        <Link to="/manage/events">← 组织活动</Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">新建活动</h1>
      <div aria-live="polite">
        <FormError message={a?.formError} />
      </div>
      <Form method="post" noValidate>
        <SelectField label="活动类型" name="kind" required error={err("kind")} defaultValue="">
          <option value="">请选择</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        <Field label="活动名称" name="title" required maxLength={60} error={err("title")} />
        <TextArea label="活动简介（可选）" name="description" error={err("description")} />
        <fieldset className="mb-4">
          <legend className="font-medium">主讲人</legend>
          {experts.length ? (
            <div className="mb-2">
              <p className="text-sm text-stone-600">平台专家（可多选）</p>
              {experts.map((x) => (
                <div key={x.id} className="flex items-center gap-2">
                  <input
                    id={`expert-${x.id}`}
                    type="checkbox"
                    name="expertId"
                    value={x.id}
                    className="size-4"
                  />
                  <label htmlFor={`expert-${x.id}`}>
                    {x.name}（{x.title}）
                  </label>
                </div>
              ))}
              {err("expertId") ? <p className="text-sm text-red-700">{err("expertId")}</p> : null}
            </div>
          ) : null}
          <TextArea
            label="特邀专家学者（每行一位：姓名 职称）"
            name="scholars"
            rows={2}
            hint="如：张明 某大学法学院教授"
            error={err("scholars")}
          />
        </fieldset>
        <fieldset className="mb-4">
          <legend className="font-medium">时间（北京时间）</legend>
          <Field
            label="开始时间"
            name="startsAt"
            type="datetime-local"
            required
            error={err("startsAt")}
          />
          <Field
            label="结束时间"
            name="endsAt"
            type="datetime-local"
            required
            error={err("endsAt")}
          />
          <Field
            label="签到开始时间（可选）"
            name="checkInFrom"
            type="datetime-local"
            hint="不填则为开始前 30 分钟"
            error={err("checkInFrom")}
          />
          <Field
            label="签到截止时间（可选）"
            name="checkInUntil"
            type="datetime-local"
            hint="不填则为活动结束时"
            error={err("checkInUntil")}
          />
        </fieldset>
        <fieldset className="mb-4">
          <legend className="font-medium">地点（至少填一项）</legend>
          <Field label="会场" name="room" maxLength={100} error={err("room")} />
          <Field
            label="线上会议链接"
            name="meetingUrl"
            type="url"
            maxLength={500}
            error={err("meetingUrl")}
          />
        </fieldset>
        <Field
          label="名额"
          name="capacity"
          inputMode="numeric"
          required
          error={err("capacity")}
          hint="报满后的报名进入候补名单"
        />
        <Field
          label="学时"
          name="creditHours"
          inputMode="decimal"
          required
          error={err("creditHours")}
          hint={`签到后计入当年学时，${MIN_EVENT_HOURS} 到 ${MAX_EVENT_HOURS}，以 0.5 为单位`}
        />
        <fieldset className="mb-4">
          <legend className="font-medium">参加对象</legend>
          <div className="flex items-center gap-2">
            <input id="aud-open" type="radio" name="audience" value="OPEN" className="size-4" />
            <label htmlFor="aud-open">开放报名（所有工作人员）</label>
          </div>
          <div className="flex items-center gap-2">
            <input
              id="aud-targeted"
              type="radio"
              name="audience"
              value="TARGETED"
              defaultChecked
              className="size-4"
            />
            <label htmlFor="aud-targeted">指定单位或人员</label>
          </div>
          {err("audience") ? <p className="text-sm text-red-700">{err("audience")}</p> : null}
          <TextArea
            label="单位编码（每行或用逗号分隔）"
            name="unitCodes"
            rows={2}
            defaultValue={unit.code}
            hint={`只能选择${unit.name}及其下级单位`}
            error={err("unitCodes")}
          />
          <div className="mb-2 flex items-center gap-2">
            <input
              id="includeSubunits"
              type="checkbox"
              name="includeSubunits"
              value="on"
              defaultChecked
              className="size-4"
            />
            <label htmlFor="includeSubunits">包含下级单位</label>
          </div>
          <TextArea
            label="指定人员工号（可选）"
            name="usernames"
            rows={2}
            error={err("usernames")}
          />
        </fieldset>
        <fieldset className="mb-4">
          <legend className="font-medium">案例研讨（仅案例研讨填写）</legend>
          <TextArea label="案例材料" name="caseMaterials" rows={4} error={err("caseMaterials")} />
          <TextArea label="研讨问题" name="questions" rows={3} error={err("questions")} />
        </fieldset>
        <Button type="submit" disabled={busy}>
          发布活动
        </Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
