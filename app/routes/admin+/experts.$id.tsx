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
import { Field, FormError, Notice } from "#app/components/ui/field.tsx";
import {
  getExpertForAdmin,
  parseSpecialties,
  updateExpert,
} from "#app/modules/booking/experts.server.ts";
import { UpdateExpertSchema } from "#app/modules/booking/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { PhotoForm } from "#app/components/booking/photo-form.tsx";
import { useValidatedForm } from "#app/utils/use-validated-form.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "编辑专家 - 法治学堂" }];
const Id = idField();

async function load(id: string | undefined) {
  const parsed = Id.safeParse(id);
  const expert = parsed.success ? await getExpertForAdmin(parsed.data) : null;
  if (!expert) throw new Response("专家不存在", { status: 404 });
  return expert;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const e = await load(params.id);
  return json({ expert: { ...e, specialties: parseSpecialties(e.specialties) } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const e = await load(params.id);
  const parsed = await parseForm(request, UpdateExpertSchema);
  if (!parsed.ok) return badRequest(parsed);
  await updateExpert(admin, clientIp(request), e.id, {
    ...parsed.data,
    active: parsed.data.active === "on",
  });
  return redirect(`/admin/experts/${e.id}?saved=1`);
}

export default function EditExpert() {
  const { expert } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const photo = params.get("photo");
  const form = useValidatedForm(UpdateExpertSchema, actionData, {
    intent: "update",
    name: expert.user.name,
    title: expert.title,
    organisation: expert.organisation,
    specialties: expert.specialties.join("、"),
    bio: expert.bio,
    active: expert.active ? "on" : undefined,
  });
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-stone-300 bg-white p-6">
      <p>
        <Link to="/admin/experts">返回专家列表</Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">编辑专家：{expert.user.username}</h1>
      {params.get("saved") ? <Notice>已保存。</Notice> : null}
      <FormError message={actionData?.formError} />
      <Form method="post" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" {...form.register("intent")} />
        <Field label="姓名" error={form.fieldError("name")} {...form.register("name")} />
        <Field label="职称" error={form.fieldError("title")} {...form.register("title")} />
        <Field
          label="所在机构"
          error={form.fieldError("organisation")}
          {...form.register("organisation")}
        />
        <Field
          label="专业领域"
          hint="用顿号或逗号分隔"
          error={form.fieldError("specialties")}
          {...form.register("specialties")}
        />
        <Field label="简介" error={form.fieldError("bio")} {...form.register("bio")} />
        <div className="mb-4 flex items-center gap-2">
          <input id="active" type="checkbox" value="on" {...form.register("active")} />
          <label htmlFor="active">接受预约（取消勾选后不再出现在预约页面，已有预约不受影响）</label>
        </div>
        <Button type="submit">保存</Button>
      </Form>
      <div className="mt-6 space-y-2">
        {photo === "saved" || photo === "removed" ? (
          <Notice>{photo === "saved" ? "照片已更新。" : "照片已删除。"}</Notice>
        ) : null}
        {expert.photo ? (
          <img
            src={expert.photo}
            alt={`${expert.user.name}的照片`}
            className="h-24 w-24 rounded object-cover"
          />
        ) : null}
        <PhotoForm
          action={`/admin/experts/${expert.id}/photo`}
          hasPhoto={expert.photo !== null}
          error={PHOTO_ERRORS[photo ?? ""] ?? null}
        />
      </div>
    </div>
  );
}

const PHOTO_ERRORS: Record<string, string> = {
  size: "照片不能超过 2 MB",
  type: "照片须为 JPEG 或 PNG 图片（按文件内容判断，不看扩展名）",
  empty: "请选择照片文件",
  unreadable: "无法读取上传的内容，请重新选择照片",
  store: "照片暂时无法保存，请稍后重试",
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
