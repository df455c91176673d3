import type { SerializeFrom } from "@remix-run/node";
import type { StaffHome } from "#app/modules/home/learner.server.ts";
import { CreditRing } from "./credit-ring.tsx";
import { CountLink, EmptyNote, HomeCard, TodoItem } from "./parts.tsx";

export function dueLabel(daysLeft: number): string {
  if (daysLeft < 0) return `已逾期 ${-daysLeft} 天`;
  if (daysLeft === 0) return "今天截止";
  return `还剩 ${daysLeft} 天`;
}

/** The staff member's to-do list: assigned courses, 学时, the exam, 错题本, unread notices. */
export function StaffHomeView({
  data,
  unread,
}: {
  data: SerializeFrom<StaffHome>;
  unread: number;
}) {
  const { tasks, exam } = data;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <HomeCard
        id="tasks"
        title="待完成的必修课程"
        action={{ to: "/learn", label: "全部学习任务" }}
      >
        {tasks.length === 0 ? (
          <EmptyNote>目前没有待完成的必修课程。</EmptyNote>
        ) : (
          <ul className="divide-y divide-stone-200">
            {tasks.map((t) => (
              <TodoItem
                key={t.slug}
                to={`/learn/courses/${t.slug}`}
                status={dueLabel(t.daysLeft)}
                tone={t.daysLeft < 0 ? "warn" : "normal"}
                detail={t.detail}
              >
                {t.title}
              </TodoItem>
            ))}
          </ul>
        )}
        {data.moreTasks > 0 ? (
          <p className="mt-2 text-sm text-stone-600">另有 {data.moreTasks} 门，见我的学习。</p>
        ) : null}
      </HomeCard>
      <HomeCard
        id="hours"
        title={`${data.year} 年学时`}
        action={{ to: "/learn", label: "我的学习" }}
      >
        <CreditRing earned={data.hours} required={data.required} />
        <div className="mt-4 grid grid-cols-2 gap-3">
          <CountLink to="/learn/wrong-answers" count={data.wrongCount} label="错题本中的题目" />
          <CountLink to="/notifications" count={unread} label="未读通知" warn />
        </div>
      </HomeCard>
      <HomeCard id="events" title="讲座与案例研讨" action={{ to: "/events", label: "全部活动" }}>
        {data.events.length === 0 ? (
          <EmptyNote>近期没有可参加的讲座或研讨。</EmptyNote>
        ) : (
          <ul className="divide-y divide-stone-200">
            {data.events.map((e) => (
              <TodoItem
                key={e.id}
                to={`/events/${e.id}`}
                status={e.status}
                tone={e.attended ? "ok" : "normal"}
                detail={e.detail}
              >
                {e.title}
              </TodoItem>
            ))}
          </ul>
        )}
      </HomeCard>
      <HomeCard id="exam" title={`${data.year} 年度学法考试`}>
        <ul>
          <TodoItem
            to={exam.openAttemptId ? `/learn/exam/${exam.openAttemptId}` : "/learn/exam"}
            status={examStatusLabel(exam)}
            tone={exam.passed ? "ok" : exam.openAttemptId ? "warn" : "normal"}
          >
            {exam.openAttemptId && exam.openDeadline
              ? `继续作答（${exam.openDeadline} 截止）`
              : exam.passed
                ? `最高 ${exam.best} 分，查看考试记录`
                : exam.remaining > 0
                  ? `进入考试（${exam.minutes} 分钟，${exam.passMark} 分及格）`
                  : "查看考试记录"}
          </TodoItem>
        </ul>
        <p className="mt-2 text-sm text-stone-600">
          每年 {exam.attempts} 次机会，本年度剩余 {exam.remaining} 次。
          {exam.window ? (
            <>
              {" "}
              考试开放时间：{exam.window}
              {exam.windowState === "before"
                ? "，尚未开始。"
                : exam.windowState === "after"
                  ? "，已结束。"
                  : "。"}
            </>
          ) : null}
        </p>
      </HomeCard>
    </div>
  );
}

function examStatusLabel(exam: SerializeFrom<StaffHome>["exam"]): string {
  if (exam.passed) return "已通过";
  if (exam.openAttemptId) return "考试进行中";
  if (exam.windowState === "before") return "尚未开放";
  if (exam.windowState === "after") return "已截止";
  if (exam.remaining === 0) return "机会已用完";
  if (exam.best !== null) return "未通过";
  return "未参加";
}
