import { Form } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError, SelectField } from "#app/components/ui/field.tsx";
import {
  CreateUnitSchema,
  MoveUnitSchema,
  RenameUnitSchema,
  UNIT_KINDS,
} from "#app/modules/org/schemas.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

type ActionData =
  | { ok: false; intent?: string; formError: string | null; fieldErrors: Record<string, string> }
  | undefined;
type Unit = { name: string; parentId: number | null };

const box = "rounded-lg border border-stone-300 bg-white p-4";

/** Create a sub-unit, rename, move: one form each, errors shown on the form that was sent. */
export function UnitForms({ unit, actionData }: { unit: Unit; actionData: ActionData }) {
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const create = useValidatedForm(CreateUnitSchema, errorsFor("create"), {
    intent: "create",
    kind: "DEPARTMENT",
  });
  const rename = useValidatedForm(RenameUnitSchema, errorsFor("rename"), {
    intent: "rename",
    name: unit.name,
  });
  const move = useValidatedForm(MoveUnitSchema, errorsFor("move"), { intent: "move" });
  return (
    <div className="grid gap-6 md:grid-cols-3">
      <section aria-labelledby="create-title" className={box}>
        <h2 id="create-title" className="mb-3 text-lg font-semibold">
          新建下级单位
        </h2>
        <FormError message={errorsFor("create")?.formError} />
        <Form method="post" noValidate onSubmit={create.onSubmit}>
          <input type="hidden" value="create" {...create.register("intent")} />
          <Field label="名称" error={create.fieldError("name")} {...create.register("name")} />
          <Field label="编码" error={create.fieldError("code")} {...create.register("code")} />
          <SelectField label="类型" error={create.fieldError("kind")} {...create.register("kind")}>
            {Object.entries(UNIT_KINDS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </SelectField>
          <Button type="submit">创建</Button>
        </Form>
      </section>
      <section aria-labelledby="rename-title" className={box}>
        <h2 id="rename-title" className="mb-3 text-lg font-semibold">
          重命名
        </h2>
        <FormError message={errorsFor("rename")?.formError} />
        <Form method="post" noValidate onSubmit={rename.onSubmit}>
          <input type="hidden" value="rename" {...rename.register("intent")} />
          <Field label="新名称" error={rename.fieldError("name")} {...rename.register("name")} />
          <Button type="submit">保存名称</Button>
        </Form>
      </section>
      {unit.parentId ? (
        <section aria-labelledby="move-title" className={box}>
          <h2 id="move-title" className="mb-3 text-lg font-semibold">
            移动到其他上级单位
          </h2>
          <FormError message={errorsFor("move")?.formError} />
          <Form method="post" noValidate onSubmit={move.onSubmit}>
            <input type="hidden" value="move" {...move.register("intent")} />
            <Field
              label="新上级单位编码"
              hint="整个下级单位树会一起移动。"
              error={move.fieldError("parentCode")}
              {...move.register("parentCode")}
            />
            <Button type="submit">移动</Button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
