import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import { PeoplePicker } from "#app/components/people-picker.tsx";
import { UnitPicker } from "#app/components/unit-picker.tsx";
import {
  createAssignment,
  scopeOf,
  staffCourses,
} from "#app/modules/assignments/assignments.server.ts";
import { AssignmentFields, CreateAssignmentSchema } from "#app/modules/assignments/schemas.ts";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { OpenUnitsParam } from "#app/modules/org/schemas.ts";
import { unitTree } from "#app/modules/org/tree.server.ts";
import { z } from "zod";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";

export const meta: MetaFunction = () => [{ title: "布置学习任务 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, unit } = await requireManagerUnit(request);
  const parsed = parseQuery(request, z.object({ open: OpenUnitsParam }));
  if (!parsed.success) throw new Response("展开的单位无效", { status: 400 });
  // An admin picks from the whole city: its tree is loaded a level at a time (decision 0019).
  const lazy = user.role === "ADMIN";
  const [courses, units] = await Promise.all([
    staffCourses(),
    unitTree(scopeOf(user), lazy ? (parsed.data.open ?? []) : undefined),
  ]);
  return json({ unit: { id: unit.id, name: unit.name }, courses, units, lazy });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireManagerUnit(request);
  const parsed = await parseForm(request, CreateAssignmentSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await createAssignment(user, clientIp(request), parsed.data);
  if (!result.ok)
    return json(
      {
        ok: false as const,
        formError: result.formError ?? "任务未创建",
        fieldErrors: result.fieldErrors,
      },
      { status: result.status },
    );
  return redirect(`/manage/assignments/${result.id}`);
}

const area = "mt-1 block w-full rounded border border-stone-400 px-3 py-2";

export default function NewAssignment() {
  const { unit, units, courses, lazy } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The same zod fields check the form in the browser (react-hook-form) and in the action; the
  // pickers' choices are not react-hook-form's, so "nothing chosen" is the action's to say.
  const form = useValidatedForm(AssignmentFields, actionData, { courseId: [] });
  const err = form.fieldError;
  return (
    <div className="mx-auto max-w-2xl rounded-lg border border-stone-300 bg-white p-6">
      <p className="mb-2">
        <Link to="/manage/assignments">← 学习任务</Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">布置学习任务</h1>
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <Field label="任务名称" required error={err("title")} {...form.register("title")} />
        <Field
          label="截止日期（北京时间当天 24 时截止）"
          type="date"
          required
          error={err("dueDate")}
          {...form.register("dueDate")}
        />
        <fieldset className="mb-4" aria-describedby={err("courseId") ? "course-error" : undefined}>
          <legend className="font-medium">课程（可多选）</legend>
          {courses.map((c) => (
            <div key={c.id} className="flex items-center gap-2">
              <input
                id={`course-${c.id}`}
                type="checkbox"
                value={c.id}
                className="size-4"
                {...form.register("courseId")}
              />
              <label htmlFor={`course-${c.id}`}>
                {c.title}（{c.creditHours} 学时）
              </label>
            </div>
          ))}
          {err("courseId") ? (
            <p id="course-error" role="alert" className="text-sm text-red-700">
              {err("courseId")}
            </p>
          ) : null}
        </fieldset>
        <UnitPicker
          units={units}
          lazy={lazy}
          defaultSubtree={unit.id}
          error={err("units") ?? err("unitCodes") ?? err("unitId") ?? err("subtreeId")}
        />
        <PeoplePicker
          error={err("users") ?? err("userId")}
          fallback={
            <div className="mb-2">
              <label htmlFor="usernames" className="block font-medium">
                指定人员工号（可选，每行一个）
              </label>
              <textarea
                id="usernames"
                rows={2}
                className={area}
                aria-invalid={err("usernames") ? true : undefined}
                aria-describedby="usernames-error"
                {...form.register("usernames")}
              />
              {err("usernames") ? (
                <p id="usernames-error" role="alert" className="text-sm text-red-700">
                  {err("usernames")}
                </p>
              ) : null}
            </div>
          }
        />
        <div className="mb-4">
          <label htmlFor="note" className="block font-medium">
            说明（可选）
          </label>
          <textarea id="note" rows={2} className={area} {...form.register("note")} />
        </div>
        <Button type="submit">布置任务</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
