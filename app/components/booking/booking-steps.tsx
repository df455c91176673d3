import { Form, Link } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { SelectField } from "#app/components/ui/field.tsx";
import { TYPE_LABELS } from "#app/modules/booking/state.ts";

const TYPE_TEXT: Record<string, string> = {
  CONTRACT_REVIEW: "上传合同（PDF 或 DOCX），专家审查后出具书面意见。",
  CONSULTATION: "线上、电话或面谈，解答经营中的法律问题。",
  TRAINING: "专家到企业开展法律培训，需填写参训人数和培训内容。",
};

export function Steps({ current }: { current: number }) {
  const names = ["服务类型", "选择专家", "选择时段", "填写并确认"];
  return (
    <ol className="flex flex-wrap gap-2 text-sm" aria-label="预约步骤">
      {names.map((n, i) => (
        <li
          key={n}
          aria-current={i === current ? "step" : undefined}
          className={
            i === current
              ? "rounded bg-brand-600 px-2 py-1 text-white"
              : "rounded bg-stone-200 px-2 py-1"
          }
        >
          {i + 1}. {n}
        </li>
      ))}
    </ol>
  );
}

export function TypeStep() {
  return (
    <ul className="grid gap-4 md:grid-cols-3">
      {Object.entries(TYPE_LABELS).map(([type, label]) => (
        <li key={type} className="rounded-lg border border-stone-300 bg-white p-4">
          <h2 className="text-lg font-semibold">
            <Link
              to={type === "CONTRACT_REVIEW" ? "/consult/review/new" : `/consult/new?type=${type}`}
            >
              {label}
            </Link>
          </h2>
          <p className="mt-2 text-stone-700">{TYPE_TEXT[type]}</p>
        </li>
      ))}
    </ul>
  );
}

type Expert = {
  id: number;
  name: string;
  title: string;
  organisation: string;
  specialties: string[];
  bio: string;
};

export function ExpertStep({
  type,
  experts,
  specialties,
  specialty,
}: {
  type: string;
  experts: Expert[];
  specialties: string[];
  specialty: string;
}) {
  return (
    <div className="space-y-4">
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="type" value={type} />
        <SelectField label="专业领域" name="specialty" defaultValue={specialty} className="mb-0">
          <option value="">全部</option>
          {specialties.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary">
          筛选
        </Button>
      </Form>
      {experts.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-4 text-center">
          没有符合条件的专家。
        </p>
      ) : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {experts.map((e) => (
          <li key={e.id} className="rounded-lg border border-stone-300 bg-white p-4">
            <h2 className="text-lg font-semibold">
              <Link to={`/consult/new?type=${type}&expert=${e.id}`}>{e.name}</Link>（{e.title}）
            </h2>
            <p className="text-stone-700">{e.organisation}</p>
            <p className="text-sm">专业领域：{e.specialties.join("、")}</p>
            {e.bio ? <p className="mt-2 text-sm text-stone-700">{e.bio}</p> : null}
            <p className="mt-2 text-sm">
              <Link to={`/consult/experts/${e.id}`}>查看简介、照片和评价</Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

const WEEK = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];
// "HH:MM" in Beijing time; cheaper than Intl for hundreds of slots.
const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * The free slots by day as one radio group (plain inputs: a busy expert has hundreds of slots, and
 * a link per slot costs the server far more to render). Inside a GET form for the booking steps,
 * inside the reschedule form on a booking page.
 */
export function SlotGrid({
  days,
  name = "slot",
}: {
  days: { day: string; weekday: number; slots: number[] }[];
  name?: string;
}) {
  if (days.length === 0)
    return (
      <p className="rounded border border-dashed border-stone-400 p-4 text-center">
        该专家近期没有可预约的时段。
      </p>
    );
  return (
    <div className="space-y-3">
      {days.map((d) => (
        <fieldset key={d.day} className="rounded border border-stone-300 bg-white p-3">
          <legend className="px-1 font-semibold">
            {d.day} {WEEK[d.weekday]}
          </legend>
          <div className="flex flex-wrap gap-2">
            {d.slots.map((s) => {
              const time = hhmm(s);
              return (
                <label
                  key={s}
                  className="inline-flex items-center gap-1 rounded border border-stone-400 px-2 py-1"
                >
                  <input
                    type="radio"
                    name={name}
                    value={s}
                    required
                    aria-label={`${d.day} ${time}`}
                  />
                  {time}
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

/** Step 3: pick a slot, then continue to the details (a GET form: works without JavaScript). */
export function SlotStep({
  type,
  expertId,
  days,
}: {
  type: string;
  expertId: number;
  days: { day: string; weekday: number; slots: number[] }[];
}) {
  return (
    <Form method="get" className="space-y-3">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="expert" value={expertId} />
      <SlotGrid days={days} />
      {days.length > 0 ? <Button type="submit">下一步：填写预约信息</Button> : null}
    </Form>
  );
}
