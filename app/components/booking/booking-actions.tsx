import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { SlotGrid } from "./booking-steps.tsx";

type Errors =
  { formError?: string | null; fieldErrors?: Record<string, string>; intent?: string } | undefined;

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const id = `panel-${title}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-300 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function TextArea({
  name,
  label,
  errors,
  rows = 3,
}: {
  name: string;
  label: string;
  errors: Errors;
  rows?: number;
}) {
  const error = errors?.fieldErrors?.[name];
  const id = `t-${name}`;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        required
        className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Errors belong to the form that was sent. */
const errorsFor = (intent: string, errors: Errors) =>
  errors?.intent === intent ? errors : undefined;

function Busy({ label }: { label: string }) {
  const busy = useNavigation().state !== "idle";
  return (
    <Button type="submit" disabled={busy}>
      {busy ? "正在提交…" : label}
    </Button>
  );
}

/** The expert's (or, for a contract review, the office's) accept form with the promised date. */
function AcceptPanel({ errors, dates }: { errors: Errors; dates: { min: string; max: string } }) {
  const e = errorsFor("accept", errors);
  const error = e?.fieldErrors?.promisedDate;
  return (
    <Panel title="受理合同审查">
      <Form method="post">
        <FormError message={e?.formError} />
        <input type="hidden" name="intent" value="accept" />
        <div className="mb-3">
          <label htmlFor="promisedDate" className="block font-medium">
            承诺完成日期
          </label>
          <input
            id="promisedDate"
            name="promisedDate"
            type="date"
            min={dates.min}
            max={dates.max}
            required
            className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "promisedDate-error" : "promisedDate-hint"}
          />
          <p id="promisedDate-hint" className="mt-1 text-sm text-stone-600">
            企业会看到这个日期；受理数受“每位专家同时办理的合同审查上限”限制。
          </p>
          {error ? (
            <p id="promisedDate-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <Busy label="受理" />
      </Form>
    </Panel>
  );
}

export function ExpertPanels({
  status,
  started,
  errors,
  review = false,
  office = false,
  dates = { min: "", max: "" },
}: {
  status: string;
  started: boolean;
  errors: Errors;
  review?: boolean;
  /** ADMIN acting for the office: only accepts or declines a contract review. */
  office?: boolean;
  dates?: { min: string; max: string };
}) {
  if (office)
    return review && status === "REQUESTED" ? (
      <div className="grid gap-4 md:grid-cols-2">
        <AcceptPanel errors={errors} dates={dates} />
        <DeclinePanel errors={errors} review />
      </div>
    ) : null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {status === "REQUESTED" && review ? (
        <>
          <AcceptPanel errors={errors} dates={dates} />
          <DeclinePanel errors={errors} review />
        </>
      ) : null}
      {status === "REQUESTED" && !review ? (
        <>
          <Panel title="确认预约">
            <Form method="post">
              <FormError message={errorsFor("confirm", errors)?.formError} />
              <input type="hidden" name="intent" value="confirm" />
              <Busy label="确认预约" />
            </Form>
          </Panel>
          <Panel title="拒绝预约">
            <Form method="post">
              <FormError message={errorsFor("decline", errors)?.formError} />
              <input type="hidden" name="intent" value="decline" />
              <TextArea name="reason" label="拒绝原因" errors={errorsFor("decline", errors)} />
              <Button type="submit" variant="danger">
                拒绝
              </Button>
            </Form>
          </Panel>
        </>
      ) : null}
      {status === "CONFIRMED" ? (
        <Panel title="出具意见并完成">
          <Form method="post" encType="multipart/form-data">
            <FormError message={errorsFor("complete", errors)?.formError} />
            <input type="hidden" name="intent" value="complete" />
            <TextArea
              name="opinion"
              label="书面意见"
              rows={8}
              errors={errorsFor("complete", errors)}
            />
            <div className="mb-3">
              <label htmlFor="returned-file" className="block font-medium">
                返还文件（可选，PDF 或 DOCX）
              </label>
              <input
                id="returned-file"
                name="files"
                type="file"
                accept=".pdf,.docx"
                className="mt-1 block w-full"
                aria-describedby={
                  errorsFor("complete", errors)?.fieldErrors?.files
                    ? "returned-file-error"
                    : undefined
                }
              />
              {errorsFor("complete", errors)?.fieldErrors?.files ? (
                <p id="returned-file-error" className="mt-1 text-sm text-red-700">
                  {errors?.fieldErrors?.files}
                </p>
              ) : null}
            </div>
            <Busy label="提交意见并完成" />
          </Form>
        </Panel>
      ) : null}
      {status === "CONFIRMED" && started && !review ? (
        <Panel title="未到场">
          <Form method="post">
            <FormError message={errorsFor("no-show", errors)?.formError} />
            <input type="hidden" name="intent" value="no-show" />
            <Button type="submit" variant="secondary">
              标记为未到场
            </Button>
          </Form>
        </Panel>
      ) : null}
      {status === "REQUESTED" || (status === "CONFIRMED" && !review) ? (
        <CancelPanel errors={errors} />
      ) : null}
    </div>
  );
}

function DeclinePanel({ errors, review }: { errors: Errors; review: boolean }) {
  return (
    <Panel title={review ? "不予受理" : "拒绝预约"}>
      <Form method="post">
        <FormError message={errorsFor("decline", errors)?.formError} />
        <input type="hidden" name="intent" value="decline" />
        <TextArea
          name="reason"
          label={review ? "不予受理的原因" : "拒绝原因"}
          errors={errorsFor("decline", errors)}
        />
        <Button type="submit" variant="danger">
          {review ? "不予受理" : "拒绝"}
        </Button>
      </Form>
    </Panel>
  );
}

export function CancelForm({ errors, note }: { errors: Errors; note?: string }) {
  return (
    <Form method="post">
      <FormError message={errorsFor("cancel", errors)?.formError} />
      {note ? <p className="mb-2 text-sm text-stone-600">{note}</p> : null}
      <input type="hidden" name="intent" value="cancel" />
      <TextArea name="reason" label="取消原因" errors={errorsFor("cancel", errors)} />
      <Button type="submit" variant="danger">
        确认取消预约
      </Button>
    </Form>
  );
}

export function RescheduleForm({
  days,
  errors,
}: {
  days: { day: string; weekday: number; slots: number[] }[];
  errors: Errors;
}) {
  if (days.length === 0) return <p role="status">近期没有其他空闲时段，请稍后再试或联系专家。</p>;
  return (
    <Form method="post">
      <FormError message={errorsFor("reschedule", errors)?.formError} />
      <p className="mb-2 text-sm text-stone-600">只列出其他空闲时段；改期后需专家重新确认。</p>
      <input type="hidden" name="intent" value="reschedule" />
      <fieldset className="mb-3 max-h-[60vh] overflow-y-auto">
        <legend className="font-medium">选择新时段（北京时间）</legend>
        <SlotGrid days={days.slice(0, 7)} />
      </fieldset>
      <Button type="submit">确认改到所选时段</Button>
    </Form>
  );
}

export function CancelPanel({ errors, note }: { errors: Errors; note?: string }) {
  return (
    <Panel title="取消预约">
      <Form method="post">
        <FormError message={errorsFor("cancel", errors)?.formError} />
        {note ? <p className="mb-2 text-sm text-stone-600">{note}</p> : null}
        <input type="hidden" name="intent" value="cancel" />
        <TextArea name="reason" label="取消原因" errors={errorsFor("cancel", errors)} />
        <Button type="submit" variant="danger">
          取消预约
        </Button>
      </Form>
    </Panel>
  );
}
