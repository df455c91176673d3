import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { manageList } from "#app/modules/policy/docs.server.ts";
import { KIND_LABELS, stageLabel } from "#app/modules/policy/schemas.ts";
import { deny, requireUser } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "政策解读管理 - 法治学堂" }];

// Section members and ADMIN see every doc; an EXPERT his own drafts (decision 0023).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { rights, docs } = await manageList(user);
  if (!rights.author && !rights.admin) await deny(request, user, "not a policy author");
  return json({ rights, docs, me: user.id });
}

export default function PolicyManagePage() {
  const { rights, docs, me } = useLoaderData<typeof loader>();
  const toReview = docs.filter((d) => d.stage === "REVIEW" && d.authorId !== me);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">政策解读管理</h1>
      <p className="flex flex-wrap gap-4">
        {rights.author ? <Link to="/policy/manage/new">撰写新解读</Link> : null}
        {rights.admin ? <Link to="/policy/section">政策法规科人员</Link> : null}
        <Link to="/policy">查看已发布的解读</Link>
      </p>
      {rights.member ? <p role="status">待我审核：{toReview.length} 篇</p> : null}
      {docs.length === 0 ? (
        <p className="rounded border border-stone-300 bg-white p-4">还没有政策解读。</p>
      ) : (
        <table className="cards-sm w-full border-collapse bg-white text-left">
          <caption className="sr-only">政策解读列表</caption>
          <thead>
            <tr className="border-b border-stone-300">
              <th scope="col" className="p-2">
                状态
              </th>
              <th scope="col" className="p-2">
                标题
              </th>
              <th scope="col" className="p-2">
                作者
              </th>
              <th scope="col" className="p-2">
                更新时间
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id} className="border-b border-stone-200">
                <td className="p-2" data-label="状态">
                  {stageLabel(d.stage, d.publishedVersion)}
                </td>
                <td className="p-2 break-words" data-label="标题">
                  <Link to={`/policy/manage/${d.id}`}>{d.title}</Link>
                  <span className="ml-2 text-sm text-stone-600">{KIND_LABELS[d.kind]}</span>
                </td>
                <td className="p-2" data-label="作者">
                  {d.author ?? "（待认领）"}
                </td>
                <td className="p-2" data-label="更新时间">
                  {formatDateTime(d.updatedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
