import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { DailyQuestion } from "#app/components/daily-question.tsx";
import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Notice } from "#app/components/ui/field.tsx";
import { UNIT_KINDS, TIER_LABELS } from "#app/modules/org/schemas.ts";
import { subtreeStats } from "#app/modules/org/org.server.ts";
import { adminCounts } from "#app/modules/users/home.server.ts";
import { adminHome } from "#app/modules/home/admin.server.ts";
import { securityEvents } from "#app/modules/home/auditor.server.ts";
import { enterpriseHome, expertHome } from "#app/modules/home/consult.server.ts";
import { staffHome } from "#app/modules/home/learner.server.ts";
import { managerHome } from "#app/modules/home/manager.server.ts";
import { StaffHomeView } from "#app/components/home/staff-home.tsx";
import { EnterpriseHomeView, ExpertHomeView } from "#app/components/home/service-home.tsx";
import { AdminHomeView, ManagerHomeView } from "#app/components/home/oversight-home.tsx";
import { AuditorHomeView } from "#app/components/home/security-home.tsx";
import { useRootData } from "#app/root.tsx";
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
  const now = new Date();
  const unit =
    user.orgUnitId !== null && user.orgUnitPath
      ? { id: user.orgUnitId, path: user.orgUnitPath }
      : null;
  const [profile, home, scope, daily] = await Promise.all([
    getProfile(user.id),
    roleHome(user, unit, now),
    user.role === "MANAGER" && unit ? subtreeStats(unit.path) : null,
    isPracticeRole(user.role) ? dailyView(user, now) : null,
  ]);
  return json({
    profile: { name: profile.name, lastLoginAt: profile.lastLoginAt },
    home,
    scope,
    admin: user.role === "ADMIN" ? await adminCounts() : null,
    daily,
  });
}

/** Each role's to-do list (app/modules/home): a few indexed reads of the user's own things. */
async function roleHome(
  user: { id: number; role: string; orgUnitPath: string | null },
  unit: { id: number; path: string } | null,
  now: Date,
) {
  switch (user.role) {
    case "STAFF":
      return { role: "STAFF" as const, data: await staffHome(user, now) };
    case "MANAGER":
      return unit ? { role: "MANAGER" as const, data: await managerHome(unit, now) } : null;
    case "ENTERPRISE": {
      const data = await enterpriseHome(user.id, now);
      return data ? { role: "ENTERPRISE" as const, data } : null;
    }
    case "EXPERT": {
      const data = await expertHome(user.id, now);
      return data ? { role: "EXPERT" as const, data } : null;
    }
    case "ADMIN":
      return { role: "ADMIN" as const, data: await adminHome(user.id, now) };
    case "AUDITOR":
      return { role: "AUDITOR" as const, data: await securityEvents(now) };
    default:
      return null;
  }
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
  const { profile, home, scope, admin, daily } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRootData();
  // The query is read only when there is one (useSearchParams' hooks on every render: issue 14).
  const { search } = useLocation();
  const notice = search ? new URLSearchParams(search).get("notice") : null;
  // Every home's links are plain <a>s (app/components/home/parts.tsx): one click handler here.
  const onClick = useDelegatedLinks();
  return (
    <div className="space-y-6" onClick={onClick}>
      {notice === "password-changed" ? <Notice>密码已修改。</Notice> : null}
      <div>
        <h1 className="text-2xl font-bold">您好，{profile.name}</h1>
        <p className="text-sm text-stone-600">
          上次登录：{profile.lastLoginAt ? formatDateTime(profile.lastLoginAt) : "—"}
        </p>
      </div>
      {home?.role === "STAFF" ? (
        <StaffHomeView data={home.data} unread={root?.user?.unread ?? 0} />
      ) : null}
      {home?.role === "MANAGER" ? <ManagerHomeView data={home.data} /> : null}
      {home?.role === "ENTERPRISE" ? <EnterpriseHomeView data={home.data} /> : null}
      {home?.role === "EXPERT" ? <ExpertHomeView data={home.data} /> : null}
      {home?.role === "ADMIN" ? <AdminHomeView data={home.data} /> : null}
      {home?.role === "AUDITOR" ? <AuditorHomeView data={home.data} /> : null}
      {daily ? <DailyQuestion daily={daily} formError={actionData?.formError} /> : null}
      {scope ? (
        <section aria-labelledby="scope-title" className="home-card">
          <h2 id="scope-title" className="mb-3 text-lg font-semibold">
            我的管理范围
          </h2>
          <p>
            本单位及其下级单位：共 <strong>{scope.units}</strong> 个单位，工作人员{" "}
            <strong>{scope.staff}</strong> 名，培训管理员 <strong>{scope.managers}</strong> 名。
          </p>
        </section>
      ) : null}
      {admin ? <AdminCounts data={admin} /> : null}
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
        <table className="cards-sm w-full text-left">
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
                <td className="text-right" data-label="人数">
                  {byRole.get(role)?.count ?? 0}
                </td>
                <td className="text-right" data-label="已停用">
                  {byRole.get(role)?.disabled ?? 0}
                </td>
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
        <table className="cards-sm w-full text-left">
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
                <td className="py-1" data-label="层级">
                  {TIER_LABELS[row.tier] ?? row.tier}
                </td>
                <td data-label="类型">{UNIT_KINDS[row.kind as keyof typeof UNIT_KINDS] ?? "市"}</td>
                <td className="text-right" data-label="数量">
                  {row.count}
                </td>
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
