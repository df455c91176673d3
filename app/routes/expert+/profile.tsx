import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ExpertProfileCard } from "#app/components/booking/expert-profile-card.tsx";
import { PhotoForm } from "#app/components/booking/photo-form.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Notice } from "#app/components/ui/field.tsx";
import { requireExpertProfile } from "#app/modules/booking/guard.server.ts";
import { profileOf, readPhotoForm, setPhoto } from "#app/modules/booking/profiles.server.ts";
import { isMultipart } from "#app/modules/booking/upload.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "我的简介与照片 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const expertId = await requireExpertProfile(request, user);
  const profile = await profileOf(expertId);
  if (!profile) throw new Response("专家不存在", { status: 404 });
  return json({ profile });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const expertId = await requireExpertProfile(request, user);
  if (!isMultipart(request)) return json({ error: "请通过页面上的表单上传照片" }, { status: 400 });
  const form = await readPhotoForm(request);
  if (!form.ok) return json({ error: form.message }, { status: form.status });
  const r = await setPhoto(user, expertId, form.bytes, clientIp(request));
  if (!r.ok) return json({ error: r.message }, { status: r.status });
  return redirect(`/expert/profile?saved=${form.remove ? "removed" : "photo"}`);
}

export default function ExpertOwnProfile() {
  const { profile } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">我的简介与照片</h1>
      {saved ? <Notice>{saved === "removed" ? "照片已删除。" : "照片已更新。"}</Notice> : null}
      <p className="text-stone-700">
        企业选择专家前会看到下面的介绍。职称、专业领域和简介由系统管理员维护；
        <Link to={`/consult/experts/${profile.id}`}>查看企业看到的页面</Link>。
      </p>
      <ExpertProfileCard p={profile} />
      <PhotoForm hasPhoto={profile.photo !== null} error={data?.error} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
