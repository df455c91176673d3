import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DailyQuestion } from "#app/components/daily-question.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Notice } from "#app/components/ui/field.tsx";
import { UNIT_KINDS, TIER_LABELS } from "#app/modules/org/schemas.ts";
import { getBreadcrumbs, subtreeStats } from "#app/modules/org/org.server.ts";
import { adminCounts } from "#app/modules/users/home.server.ts";
import { recentAuditSummary } from "#app/modules/audit/audit.server.ts";
import { getProfile } from "#app/modules/users/account.server.ts";
import { answersFromForm } from "#app/modules/learning/answers.ts";
import { answerDaily, dailyView } from "#app/modules/practice/daily.server.ts";
import { PRACTICE_ROLES } from "#app/modules/practice/schemas.ts";
import { requireRole, requireUser } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { ROLES, roleLabel } from "#app/utils/roles.ts";

export const meta: MetaFunction = () => [{ title: "首页 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getProfile(user.id);
  const unitTrail = profile.orgUnit
    ? (await getBreadcrumbs(profile.orgUnit.path)).map((u) => u.name)
    : [];
  return json({
    profile: { ...profile, unitTrail },
    admin: user.role === "ADMIN" ? await adminCounts() : null,
    scope:
      user.role === "MANAGER" && user.orgUnitPath ? await subtreeStats(user.orgUnitPath) : null,
    audit: user.role === "AUDITOR" ? await recentAuditSummary() : null,
    daily: isPracticeRole(user.role) ? await dailyView(user, new Date()) : null,
  });
}

const isPracticeRole = (role: string) => (PRACTICE_ROLES as readonly string[]).includes(role);

/** 每日一题: the only form on the home page. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, PRACTICE_ROLES);
  const form = await readForm(request);
  const parsed = form ? answersFromForm(form) : null;
  if (!parsed?.ok || parsed.intent !== "submit")
    return json({ formError: "提交的答案无效" }, { status: 400 });
  const result = await answerDaily(user, parsed.answers, new Date());
  if (!result.ok) return json({ formError: result.message }, { status: result.status });
  return redirect("/#daily");
}

export default function Home() {
  const { profile, admin, scope, audit, daily } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="space-y-6">
      {params.get("notice") === "password-changed" ? <Notice>密码已修改。</Notice> : null}
      <h1 className="text-2xl font-bold">您好，{profile.name}</h1>
      {daily ? <DailyQuestion daily={daily} formError={actionData?.formError} /> : null}
      <section
        aria-labelledby="profile-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="profile-title" className="mb-3 text-lg font-semibold">
          我的信息
        </h2>
        <dl className="grid grid-cols-[6rem_1fr] gap-y-2">
          <dt className="text-stone-600">用户名</dt>
          <dd>{profile.username}</dd>
          <dt className="text-stone-600">角色</dt>
          <dd>{roleLabel(profile.role)}</dd>
          {profile.unitTrail.length > 0 ? (
            <>
              <dt className="text-stone-600">所属单位</dt>
              <dd>{profile.unitTrail.join(" / ")}</dd>
            </>
          ) : null}
          <dt className="text-stone-600">上次登录</dt>
          <dd>{profile.lastLoginAt ? formatDateTime(profile.lastLoginAt) : "—"}</dd>
        </dl>
      </section>
      {scope ? (
        <section
          aria-labelledby="scope-title"
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id="scope-title" className="mb-3 text-lg font-semibold">
            我的管理范围
          </h2>
          <p>
            {profile.unitTrail.at(-1)}及其下级单位：共 <strong>{scope.units}</strong>{" "}
            个单位，工作人员 <strong>{scope.staff}</strong> 名，培训管理员{" "}
            <strong>{scope.managers}</strong> 名。
          </p>
        </section>
      ) : null}
      {admin ? <AdminCounts data={admin} /> : null}
      {audit ? (
        <section
          aria-labelledby="audit-title"
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id="audit-title" className="mb-3 text-lg font-semibold">
            近 24 小时审计概况
          </h2>
          <p>
            共 <strong>{audit.total}</strong> 条记录，其中登录失败{" "}
            <strong>{audit.loginFailures}</strong> 条，越权访问被拒绝{" "}
            <strong>{audit.denied}</strong> 条。
          </p>
          <p className="mt-2">
            <Link to="/audit">查看审计日志</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}

function AdminCounts({ data }: { data: Awaited<ReturnType<typeof adminCounts>> }) {
  const byRole = new Map(data.usersByRole.map((r) => [r.role, r]));
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section
        aria-labelledby="users-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="users-title" className="mb-3 text-lg font-semibold">
          用户（按角色）
        </h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b">
              <th scope="col">角色</th>
              <th scope="col" className="text-right">
                人数
              </th>
              <th scope="col" className="text-right">
                已停用
              </th>
            </tr>
          </thead>
          <tbody>
            {ROLES.map((role) => (
              <tr key={role} className="border-b border-stone-200">
                <th scope="row" className="py-1 font-normal">
                  {roleLabel(role)}
                </th>
                <td className="text-right">{byRole.get(role)?.count ?? 0}</td>
                <td className="text-right">{byRole.get(role)?.disabled ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section
        aria-labelledby="units-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="units-title" className="mb-3 text-lg font-semibold">
          组织机构（按层级）
        </h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b">
              <th scope="col">层级</th>
              <th scope="col">类型</th>
              <th scope="col" className="text-right">
                数量
              </th>
            </tr>
          </thead>
          <tbody>
            {data.unitsByTier.map((row) => (
              <tr key={`${row.tier}-${row.kind}`} className="border-b border-stone-200">
                <td className="py-1">{TIER_LABELS[row.tier] ?? row.tier}</td>
                <td>{UNIT_KINDS[row.kind as keyof typeof UNIT_KINDS] ?? "市"}</td>
                <td className="text-right">{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
