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
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";
import {
  createReading,
  listReadings,
  readingChoices,
} from "#app/modules/policy/readings.server.ts";
import { ReadingSchema } from "#app/modules/policy/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "政策解读阅读任务 - 法治学堂" }];

const ROLES = ["MANAGER", "ADMIN"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ROLES);
  const [readings, choices] = await Promise.all([listReadings(user), readingChoices(user)]);
  return json({ readings, ...choices });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ROLES);
  const parsed = await parseForm(request, ReadingSchema);
  if (!parsed.ok) return badRequest(parsed);
  const r = await createReading(user, parsed.data, clientIp(request));
  if (!r.ok)
    return json(
      {
        ok: false as const,
        formError: r.field ? null : r.message,
        fieldErrors: r.field ? { [r.field]: r.message } : {},
      },
      { status: r.status },
    );
  return redirect(`/policy/readings/${r.id}`);
}

export default function ReadingsPage() {
  const { readings, units, docs } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = data?.fieldErrors ?? {};
  // One submission at a time: a double click assigns (and notifies) once.
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">政策解读阅读任务</h1>
      <p className="text-stone-700">
        把已发布、面向工作人员的政策解读布置给单位阅读，查看谁已确认“我已阅读”。
      </p>
      <Form method="post" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 className="mb-2 font-semibold">布置阅读</h2>
        <FormError message={data?.formError} />
        {docs.length === 0 ? <p>还没有可布置的政策解读。</p> : null}
        <SelectField label="政策解读" name="docId" defaultValue="" error={errors.docId}>
          <option value="">请选择</option>
          {docs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title}
            </option>
          ))}
        </SelectField>
        <SelectField label="单位" name="unitId" defaultValue="" error={errors.unitId}>
          <option value="">请选择</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {"　".repeat(Math.min(u.depth, 4))}
              {u.name}
            </option>
          ))}
        </SelectField>
        <label className="mb-4 inline-flex items-center gap-2">
          <input type="checkbox" name="withSubunits" defaultChecked />
          包括下级单位
        </label>
        <Field label="截止日期（选填）" name="dueDate" type="date" error={errors.dueDate} />
        <Button type="submit" disabled={busy}>
          {busy ? "正在布置…" : "布置"}
        </Button>
      </Form>
      <section aria-label="已布置的阅读任务">
        <h2 className="text-lg font-semibold">已布置</h2>
        {readings.length === 0 ? (
          <p>还没有阅读任务。</p>
        ) : (
          <ul className="space-y-2">
            {readings.map((r) => (
              <li key={r.id} className="rounded border border-stone-300 bg-white p-3 break-words">
                <Link to={`/policy/readings/${r.id}`}>{r.title}</Link> · {r.unit}
                {r.withSubunits ? "（含下级）" : ""} · 已确认 {r.confirmed} / {r.people} 人
                {r.dueDate ? ` · 截止 ${r.dueDate}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
