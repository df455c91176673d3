import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { Field, FormError, Notice, SelectField } from "#app/components/ui/field.tsx";
import { dayName } from "#app/modules/booking/calendar.ts";
import { parseHolidayCsv } from "#app/modules/booking/holiday-csv.server.ts";
import {
  AddHolidaySchema,
  HOLIDAY_KIND_LABELS,
  HolidayYearQuery,
  ImportHolidaySchema,
  RemoveHolidaySchema,
} from "#app/modules/booking/holiday-schemas.ts";
import {
  holidayYears,
  listHolidays,
  removeHoliday,
  saveHolidays,
} from "#app/modules/booking/holidays.server.ts";
import { beijingDay } from "#app/modules/booking/slots.ts";
import { requireRole, type SessionUser } from "#app/utils/auth.server.ts";
import { parseFormData, parseIntentForm, readForm, parseQuery } from "#app/utils/form.server.ts";
import { isMultipart, readMultipart } from "#app/utils/multipart.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "节假日 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const q = parseQuery(request, HolidayYearQuery);
  if (!q.success) throw new Response("年份无效", { status: 400 });
  const year = q.data.year ?? Number(beijingDay(Date.now()).slice(0, 4));
  return json({ year, holidays: await listHolidays(year), years: await holidayYears() });
}

type Answer = {
  ok: false;
  formError: string | null;
  fieldErrors: Record<string, string>;
  importErrors?: string[];
};
const fail = (status: number, a: Omit<Answer, "ok">) =>
  json({ ok: false as const, ...a }, { status });

async function importCsv(admin: SessionUser, request: Request) {
  const r = await readMultipart(request, {
    maxFileBytes: 64 * 1024,
    maxFiles: 1,
    maxBodyBytes: 128 * 1024,
  });
  if (!r.ok)
    return fail(r.problem === "unreadable" ? 400 : 413, {
      formError:
        r.problem === "unreadable" ? "无法读取上传的文件" : "文件过大：节假日文件最多 64 KB",
      fieldErrors: {},
    });
  const file = r.files[0];
  if (!parseFormData(r.form, ImportHolidaySchema).ok || r.files.some((f) => f.field !== "file"))
    return fail(400, { formError: "表单包含不允许提交的字段", fieldErrors: {} });
  if (!file)
    return fail(400, { formError: null, fieldErrors: { file: "请选择要导入的 CSV 文件" } });
  const parsed = parseHolidayCsv(file.bytes);
  if (!parsed.ok)
    return fail(400, {
      formError: "文件有错误，未导入任何日期，请修改后重新上传",
      fieldErrors: {},
      importErrors: parsed.errors,
    });
  await saveHolidays(admin, clientIp(request), parsed.rows, "HOLIDAY_IMPORT");
  const year = parsed.rows[0]!.day.slice(0, 4);
  return redirect(`/admin/holidays?year=${year}&imported=${parsed.rows.length}`);
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  if (isMultipart(request)) return importCsv(admin, request);
  const parsed = parseIntentForm(await readForm(request), {
    add: AddHolidaySchema,
    remove: RemoveHolidaySchema,
  });
  if (!parsed.ok)
    return fail(400, { formError: parsed.formError, fieldErrors: parsed.fieldErrors });
  const ip = clientIp(request);
  const d = parsed.data;
  const year = d.day.slice(0, 4);
  if (d.intent === "add") {
    await saveHolidays(admin, ip, [{ day: d.day, kind: d.kind, name: d.name }], "HOLIDAY_ADD");
    return redirect(`/admin/holidays?year=${year}&saved=1`);
  }
  const gone = await removeHoliday(admin, ip, d.day);
  if (!gone)
    return fail(404, { formError: "该日期不在节假日列表中（可能已被删除）", fieldErrors: {} });
  return redirect(`/admin/holidays?year=${year}&removed=1`);
}

export default function HolidaysPage() {
  const { year, holidays, years } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = answer?.fieldErrors ?? {};
  const shownYears = [...new Set([...years, year - 1, year, year + 1])].sort();
  const notice = params.get("imported")
    ? `已导入 ${params.get("imported")} 个日期。`
    : params.get("saved")
      ? "已保存。"
      : params.get("removed")
        ? "已删除。"
        : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">节假日与调休</h1>
      <p className="max-w-3xl text-stone-700">
        按国务院办公厅每年发布的放假安排维护：放假的日期不开放预约；调休上班的日期（如周六）按专家“周一”的可预约时间开放。
        系统只预置了《全国年节及纪念日放假办法》确定的元旦（1 月 1
        日），其他日期请在通知发布后导入。
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={answer?.formError} />
      {answer && "importErrors" in answer && answer.importErrors ? (
        <ul
          className="list-disc rounded border border-red-700 bg-red-50 py-2 pl-8 text-red-800"
          aria-label="导入错误"
        >
          {answer.importErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <nav aria-label="选择年份" className="flex flex-wrap gap-2">
        {shownYears.map((y) => (
          <Link
            key={y}
            to={`/admin/holidays?year=${y}`}
            aria-current={y === year ? "page" : undefined}
            className={
              y === year
                ? "rounded bg-brand-600 px-3 py-1 text-white"
                : "rounded border border-stone-400 px-3 py-1"
            }
          >
            {y} 年
          </Link>
        ))}
      </nav>
      <section aria-labelledby="list-title" className="space-y-2">
        <h2 id="list-title" className="text-lg font-semibold">
          {year} 年
        </h2>
        {holidays.length === 0 ? (
          <p className="rounded border border-dashed border-stone-400 p-4 text-center">
            {year} 年还没有节假日，请在下方添加或导入。
          </p>
        ) : (
          <ul className="divide-y divide-stone-200 rounded border border-stone-300 bg-white">
            {holidays.map((h) => (
              <li key={h.day} className="flex flex-wrap items-center justify-between gap-2 p-2">
                <span>
                  {h.day}（{dayName(h.day).split(" ")[1]}） {h.name} ·{" "}
                  <strong className={h.kind === "WORKDAY" ? "text-blue-800" : "text-brand-700"}>
                    {h.kind === "WORKDAY" ? "调休上班" : "放假"}
                  </strong>
                </span>
                <Form method="post">
                  <input type="hidden" name="day" value={h.day} />
                  <ConfirmButton
                    name="intent"
                    value="remove"
                    label="删除"
                    question={`删除 ${h.day} ${h.name}？`}
                  />
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" noValidate className="rounded border border-stone-300 bg-white p-4">
          <fieldset>
            <legend className="mb-2 text-lg font-semibold">添加或修改一个日期</legend>
            <Field label="日期" name="day" type="date" required error={errors.day} />
            <SelectField label="类型" name="kind" defaultValue="HOLIDAY" error={errors.kind}>
              {Object.entries(HOLIDAY_KIND_LABELS).map(([k, l]) => (
                <option key={k} value={k}>
                  {l}
                </option>
              ))}
            </SelectField>
            <Field
              label="名称"
              name="name"
              maxLength={20}
              required
              placeholder="如 春节"
              error={errors.name}
            />
            <Button type="submit" name="intent" value="add">
              保存
            </Button>
          </fieldset>
        </Form>
        <Form
          method="post"
          encType="multipart/form-data"
          className="rounded border border-stone-300 bg-white p-4"
        >
          <fieldset>
            <legend className="mb-2 text-lg font-semibold">导入放假安排（CSV）</legend>
            <p className="mb-2 text-sm text-stone-700">
              每行一个日期：<code>date,kind,name</code>，如 <code>2027-02-06,放假,春节</code> 或{" "}
              <code>2027-02-14,上班,春节调休</code>。类型填“放假”或“上班”；已有的日期会被覆盖。{" "}
              <a href="/admin/holidays/template" download>
                下载模板
              </a>
            </p>
            <Field
              label="CSV 文件"
              name="file"
              type="file"
              accept=".csv,text/csv"
              error={errors.file}
            />
            <Button type="submit" name="intent" value="import">
              导入
            </Button>
          </fieldset>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
