import type { UseFormRegister, FieldValues, Path } from "react-hook-form";
import { Field, SelectField } from "#app/components/ui/field.tsx";
import { ADMIN_MANAGED_ROLES, roleLabel } from "#app/utils/roles.ts";

/** Name, role, unit code and mobile: shared by the create and edit user forms. */
export function UserFields<T extends FieldValues>({
  register,
  fieldError,
}: {
  register: UseFormRegister<T>;
  fieldError: (name: string) => string | undefined;
}) {
  return (
    <>
      <Field label="姓名" error={fieldError("name")} {...register("name" as Path<T>)} />
      <SelectField label="角色" error={fieldError("role")} {...register("role" as Path<T>)}>
        {ADMIN_MANAGED_ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </SelectField>
      <Field
        label="单位编码"
        hint="工作人员和培训管理员必填，编码见“组织机构”页面；其他角色留空。"
        error={fieldError("orgUnitCode")}
        {...register("orgUnitCode" as Path<T>)}
      />
      <Field
        label="手机号（可选）"
        type="tel"
        inputMode="numeric"
        error={fieldError("mobile")}
        {...register("mobile" as Path<T>)}
      />
    </>
  );
}
