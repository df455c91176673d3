import { Form, Link } from "@remix-run/react";
import { Field, SelectField } from "#app/components/ui/field.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { groupedActions, OBJECT_KINDS, RESULTS } from "#app/modules/audit/catalog.ts";

export type FilterValues = Partial<
  Record<"action" | "person" | "kind" | "result" | "from" | "to", string>
>;

/** The log's filters: a GET form (works without JavaScript), every action grouped by area. */
export function AuditFilterForm({
  values,
  errors,
}: {
  values: FilterValues;
  errors: Record<string, string>;
}) {
  return (
    <Form method="get" role="search" aria-label="筛选审计记录">
      <fieldset className="rounded border border-stone-300 bg-white p-4">
        <legend className="px-1 font-semibold">筛选条件</legend>
        <div className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            label="操作"
            name="action"
            defaultValue={values.action ?? ""}
            error={errors.action}
          >
            <option value="">全部操作</option>
            {groupedActions().map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.actions.map((a) => (
                  <option key={a.key} value={a.key}>
                    {a.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </SelectField>
          <Field
            label="操作人（姓名、工号或账号）"
            name="person"
            maxLength={32}
            defaultValue={values.person ?? ""}
            error={errors.person}
            hint="登录失败时也可输入当时填写的账号"
          />
          <SelectField
            label="对象类型"
            name="kind"
            defaultValue={values.kind ?? ""}
            error={errors.kind}
          >
            <option value="">全部类型</option>
            {Object.entries(OBJECT_KINDS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="结果"
            name="result"
            defaultValue={values.result ?? ""}
            error={errors.result}
          >
            <option value="">全部结果</option>
            {Object.entries(RESULTS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </SelectField>
          <Field
            label="开始日期（北京时间）"
            name="from"
            type="date"
            defaultValue={values.from ?? ""}
            error={errors.from}
          />
          <Field
            label="结束日期（北京时间）"
            name="to"
            type="date"
            defaultValue={values.to ?? ""}
            error={errors.to}
          />
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <Button type="submit">筛选</Button>
          <Link to="/audit">清除筛选</Link>
        </div>
      </fieldset>
    </Form>
  );
}
