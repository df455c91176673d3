import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, Notice, SelectField } from "#app/components/ui/field.tsx";
import { availabilityOf, saveAvailability, setLeave } from "#app/modules/booking/experts.server.ts";
import { requireExpertProfile } from "#app/modules/booking/guard.server.ts";
import { AvailabilitySchema, LeaveSchema, WEEKDAY_LABELS } from "#app/modules/booking/schemas.ts";
import type { WeeklyRule } from "#app/modules/booking/slots.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, readForm, parseIntentForm } from "#app/utils/form.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "可预约时间 - 法治学堂" }];

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
function hoursText(rules: WeeklyRule[], weekday: number) {
  return rules
    .filter((r) => r.weekday === weekday)
    .map((r) => `${hhmm(r.startMinute)}-${hhmm(r.endMinute)}`)
    .join(", ");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const expertId = await requireExpertProfile(request, user);
  return json(await availabilityOf(expertId));
}

const INTENTS = {
  availability: AvailabilitySchema,
  "add-leave": LeaveSchema,
  "remove-leave": LeaveSchema,
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const expertId = await requireExpertProfile(request, user);
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok) return badRequest(parsed);
  if (parsed.data.intent === "availability") {
    const d = parsed.data;
    const days = [d.hours1, d.hours2, d.hours3, d.hours4, d.hours5, d.hours6, d.hours7];
    const rules = days.flatMap((ranges, i) => ranges.map((r) => ({ weekday: i + 1, ...r })));
    await saveAvailability(user, expertId, {
      slotMinutes: d.slotMinutes,
      bufferMinutes: d.bufferMinutes,
      dailyMax: d.dailyMax,
      rules,
    });
    return redirect("/expert/availability?saved=1");
  }
  await setLeave(user, expertId, parsed.data.day, parsed.data.intent === "add-leave");
  return redirect("/expert/availability?saved=1");
}

export default function AvailabilityPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const defaults = Object.fromEntries(
    WEEKDAY_LABELS.map((_, i) => [`hours${i + 1}`, hoursText(data.rules, i + 1)]),
  );
  const form = useValidatedForm(AvailabilitySchema, actionData, {
    intent: "availability",
    slotMinutes: String(data.slotMinutes) as "60",
    bufferMinutes: data.bufferMinutes,
    dailyMax: data.dailyMax,
    ...defaults,
  });
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">可预约时间</h1>
      {params.get("saved") ? <Notice>已保存。</Notice> : null}
      <FormError message={actionData?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <input type="hidden" {...form.register("intent")} />
        <h2 className="mb-3 text-lg font-semibold">每周时间（北京时间）</h2>
        <div className="grid gap-x-4 sm:grid-cols-2">
          {WEEKDAY_LABELS.map((label, i) => {
            const name = `hours${i + 1}` as "hours1";
            return (
              <Field
                key={name}
                label={label}
                placeholder="如 09:00-12:00, 14:00-17:00"
                error={form.fieldError(name)}
                {...form.register(name)}
              />
            );
          })}
        </div>
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField
            label="每次时长"
            error={form.fieldError("slotMinutes")}
            {...form.register("slotMinutes")}
          >
            <option value="30">30 分钟</option>
            <option value="60">60 分钟</option>
          </SelectField>
          <Field
            label="两次预约间隔（分钟）"
            type="number"
            inputMode="numeric"
            error={form.fieldError("bufferMinutes")}
            {...form.register("bufferMinutes")}
          />
          <Field
            label="每日最多预约数"
            type="number"
            inputMode="numeric"
            error={form.fieldError("dailyMax")}
            {...form.register("dailyMax")}
          />
        </div>
        <Button type="submit">保存</Button>
      </Form>
      <section
        aria-labelledby="leave-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="leave-title" className="mb-3 text-lg font-semibold">
          休假日
        </h2>
        {data.leaves.length === 0 ? (
          <p>没有休假日。</p>
        ) : (
          <ul className="mb-3 space-y-1">
            {data.leaves.map((day) => (
              <li key={day} className="flex items-center gap-3">
                {day}
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-leave" />
                  <input type="hidden" name="day" value={day} />
                  <Button type="submit" variant="secondary" aria-label={`取消 ${day} 休假`}>
                    取消休假
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="add-leave" />
          <Field label="新增休假日" name="day" type="date" required className="mb-0" />
          <Button type="submit" variant="secondary">
            添加
          </Button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
