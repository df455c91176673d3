import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { windowText } from "#app/modules/learning/exam-window.server.ts";
import { examStatus, gradeExpiredExams } from "#app/modules/learning/exam.server.ts";
import { EXAM_ROLES } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "年度学法考试 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, EXAM_ROLES);
  const now = new Date();
  await gradeExpiredExams(user, now, clientIp(request));
  const status = await examStatus(user.id, now);
  return json({ ...status, windowLine: windowText(status.window) });
}

const START_CLASS =
  "inline-flex min-h-11 items-center rounded border border-brand-700 bg-brand-600 px-4 font-medium text-white no-underline hover:bg-brand-700";

export default function ExamHome() {
  const d = useLoaderData<typeof loader>();
  const open = d.attempts.find((a) => a.open);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/learn">← 我的学习</Link>
      </p>
      <h1 className="text-2xl font-bold">{d.year} 年度学法考试</h1>
      <p>
        试题从全部工作人员课程的题库中随机抽取 {d.settings.examQuestions} 道，限时{" "}
        {d.settings.examMinutes} 分钟，{d.settings.examPassMark} 分及格， 每年可考{" "}
        {d.settings.examAttempts} 次。考试成绩单独记录，不计入课程学时。
      </p>
      <p data-testid="exam-window">
        考试开放时间：{d.windowLine ?? "全年开放"}
        {d.window.state === "before"
          ? "（尚未开放）"
          : d.window.state === "after"
            ? "（已结束）"
            : ""}
      </p>
      <p>
        <Link to="/learn/exam/mock">模拟考试</Link>
        ：同样格式、不限次数，不占用考试次数，适合考前练习。
      </p>
      <p
        role="status"
        className={
          d.passed
            ? "rounded border border-green-700 bg-green-50 p-3"
            : "rounded border border-stone-300 bg-white p-3"
        }
      >
        {d.passed
          ? `您已通过本年度考试（最高 ${d.best} 分）。`
          : d.attempts.length === 0
            ? "您本年度还没有参加考试。"
            : `本年度最高 ${d.best ?? "—"} 分，尚未通过；剩余 ${d.remaining} 次机会。`}
      </p>
      {open ? (
        <Link to={`/learn/exam/${open.id}`} className={START_CLASS}>
          继续考试
        </Link>
      ) : !d.passed && d.remaining > 0 && d.window.state === "open" ? (
        <Link to="/learn/exam/start" className={START_CLASS}>
          开始考试
        </Link>
      ) : null}
      <section aria-labelledby="attempts">
        <h2 id="attempts" className="mb-2 text-lg font-semibold">
          本年度考试记录
        </h2>
        {d.attempts.length === 0 ? (
          <p>暂无记录。</p>
        ) : (
          <ul className="space-y-2">
            {d.attempts.map((a, i) => (
              <li key={a.id} className="rounded border border-stone-300 bg-white p-3">
                <Link to={`/learn/exam/${a.id}`}>第 {i + 1} 次</Link>：开始于{" "}
                {formatDateTime(a.startedAt)}，
                {a.submittedAt
                  ? `${a.score} 分，${a.passed ? "通过" : "未通过"}`
                  : a.open
                    ? "进行中"
                    : "待评分"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
