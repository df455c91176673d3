import type { SerializeFrom } from "@remix-run/node";
import type { adminHome } from "#app/modules/home/admin.server.ts";
import type { managerHome } from "#app/modules/home/manager.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { CountLink, EmptyNote, HomeCard, TodoItem } from "./parts.tsx";
import { dueLabel } from "./staff-home.tsx";

type ManagerData = SerializeFrom<Awaited<ReturnType<typeof managerHome>>>;
type AdminData = SerializeFrom<Awaited<ReturnType<typeof adminHome>>>;

const pct = (done: number, of: number) => (of > 0 ? Math.round((done / of) * 100) : 0);

/** The manager's to-do list over his subtree. */
export function ManagerHomeView({ data }: { data: ManagerData }) {
  const { exam } = data;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <HomeCard
        id="behind"
        title="完成率最低的下级单位"
        action={{ to: "/manage/overview", label: "达标率" }}
      >
        {data.behind.length === 0 ? (
          <EmptyNote>下级单位暂无学习任务。</EmptyNote>
        ) : (
          <ul className="divide-y divide-stone-200">
            {data.behind.map((u) => (
              <TodoItem
                key={u.id}
                to={`/manage/overview?unit=${u.id}`}
                status={`完成率 ${pct(u.completed, u.assigned)}%`}
                tone={pct(u.completed, u.assigned) < 50 ? "warn" : "normal"}
                detail={`${u.completed} / ${u.assigned} 人次已完成`}
              >
                {u.name}
              </TodoItem>
            ))}
          </ul>
        )}
      </HomeCard>
      <HomeCard
        id="due"
        title="即将到期的学习任务"
        action={{ to: "/manage/assignments", label: "全部学习任务" }}
      >
        {data.dueSoon.length === 0 ? (
          <EmptyNote>未来两周没有到期的学习任务。</EmptyNote>
        ) : (
          <ul className="divide-y divide-stone-200">
            {data.dueSoon.map((a) => (
              <TodoItem
                key={a.id}
                to={`/manage/assignments/${a.id}`}
                status={dueLabel(a.daysLeft)}
                detail={`截止 ${formatDateTime(a.dueAt).slice(0, 10)} · 已完成 ${a.completed} / ${a.assigned} 人（${pct(a.completed, a.assigned)}%）`}
              >
                {a.title}
              </TodoItem>
            ))}
          </ul>
        )}
      </HomeCard>
      <HomeCard id="exam" title={`${data.year} 年度学法考试参考情况`}>
        <ul>
          <TodoItem
            to="/manage/exam"
            status={`参考率 ${pct(exam.sat, exam.staff)}%`}
            detail={`工作人员 ${exam.staff} 人，已参考 ${exam.sat} 人，已通过 ${exam.passed} 人`}
          >
            查看各单位考试情况
          </TodoItem>
        </ul>
      </HomeCard>
    </div>
  );
}

const JOB_STATES: Record<string, string> = {
  preview: "待确认",
  hashing: "导入中",
  writing: "导入中",
  done: "已完成",
  failed: "失败",
};

function bytes(n: number | null): string {
  if (n === null) return "未知";
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  return `${Math.round(n / 1024 ** 2)} MB`;
}

function backupAge(hours: number | null): string {
  if (hours === null) return "尚无备份";
  if (hours < 1) return "不到 1 小时前";
  if (hours < 48) return `${Math.floor(hours)} 小时前`;
  return `${Math.floor(hours / 24)} 天前`;
}

/** The admin's to-do list: approvals, import jobs, system health. */
export function AdminHomeView({ data }: { data: AdminData }) {
  const h = data.health;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <HomeCard id="todo" title="待办">
        <div className="grid grid-cols-2 gap-3">
          <CountLink
            to="/admin/enterprises?status=PENDING"
            count={data.pendingEnterprises}
            label="待审核的企业"
            warn
          />
          <CountLink
            to="/admin/bookings?overdue=1"
            count={data.overdueReviews}
            label="逾期的合同审查"
            warn
          />
          <CountLink to="/admin/import" count={data.jobs.length} label="导入任务" />
        </div>
        {data.jobs.length > 0 ? (
          <ul className="mt-3 divide-y divide-stone-200">
            {data.jobs.map((j) => (
              <TodoItem
                key={j.id}
                to={`/admin/import?job=${encodeURIComponent(j.id)}`}
                status={JOB_STATES[j.state] ?? j.state}
                tone={j.state === "failed" ? "warn" : j.state === "done" ? "ok" : "normal"}
                detail={
                  j.state === "done"
                    ? `已导入 ${j.importedCount} 人`
                    : `${j.processed} / ${j.total} 行`
                }
              >
                {j.fileName}
              </TodoItem>
            ))}
          </ul>
        ) : null}
      </HomeCard>
      <HomeCard id="health" title="系统状态">
        <ul className="divide-y divide-stone-200">
          <HealthRow
            ok={h.database}
            label="数据库"
            value={h.database ? `${h.dialect} 可读写` : `${h.dialect} 无法写入`}
          />
          <HealthRow
            ok={!h.diskLow && h.freeBytes !== null}
            label="数据目录可用空间"
            value={bytes(h.freeBytes)}
          />
          <HealthRow
            ok={!h.backupStale}
            label="最近一次备份"
            value={
              h.backupAt
                ? `${backupAge(h.backupHours)}（${formatDateTime(h.backupAt)}）`
                : "尚无备份"
            }
          />
        </ul>
        <p className="mt-2 text-sm text-stone-600">备份命令：npm run db:backup（见部署说明）。</p>
      </HomeCard>
    </div>
  );
}

function HealthRow({ ok, label, value }: { ok: boolean; label: string; value: string }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
      <span
        className={`shrink-0 rounded border px-2 text-sm ${ok ? "border-green-300 bg-green-50 text-green-800" : "border-red-300 bg-red-50 text-red-800"}`}
      >
        {ok ? "✓ 正常" : "✗ 需处理"}
      </span>
      <span className="font-medium">{label}</span>
      <span>{value}</span>
    </li>
  );
}
