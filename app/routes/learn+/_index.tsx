import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { myLearningPage } from "#app/modules/learning/my-learning.server.ts";
import {
  assignedHtml,
  certificatesHtml,
  inProgressHtml,
} from "#app/modules/learning/my-learning-html.ts";
import { assignedView, certificateView, examView } from "#app/modules/learning/my-learning-view.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "我的学习 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const now = Date.now();
  const { assigned, learning, exam } = await myLearningPage(user, new Date(now));
  const { certificates, ...data } = learning;
  // Only what the page renders (my-learning-view): it is sent twice, as HTML and hydration data.
  return json({
    data: { ...data, certificates: certificates.map(certificateView) },
    showHours: user.role !== "ENTERPRISE",
    exam: exam ? examView(exam) : null,
    assigned: assigned.map((a) => assignedView(a, now)),
  });
}

export default function MyLearning() {
  const { data, showHours, assigned, exam } = useLoaderData<typeof loader>();
  // The lists are HTML strings (my-learning-html); every link of the page is a plain <a>, and one
  // handler navigates on the client (useDelegatedLinks).
  const onListClick = useDelegatedLinks();
  return (
    <div className="space-y-6" onClick={onListClick}>
      <h1 className="text-2xl font-bold">我的学习</h1>
      {assigned.length > 0 ? (
        <section
          aria-labelledby="assigned-title"
          className="rounded-lg border-2 border-brand-600 bg-white p-4"
        >
          <h2 id="assigned-title" className="mb-2 text-lg font-semibold">
            必修学习任务
          </h2>
          <ul className="divide-y" dangerouslySetInnerHTML={{ __html: assignedHtml(assigned) }} />
        </section>
      ) : null}
      {showHours ? (
        <section
          aria-labelledby="hours-title"
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id="hours-title" className="mb-2 text-lg font-semibold">
            {data.year} 年度学时
          </h2>
          <p className="mb-2">
            已获得 <strong>{data.hours}</strong> 学时，年度要求 <strong>{data.required}</strong>{" "}
            学时
            {data.hours >= data.required
              ? "，已达标。"
              : `，还差 ${Math.max(0, data.required - data.hours)} 学时。`}
          </p>
          <ProgressBar value={data.hours} max={data.required} label={`${data.year} 年度学时进度`} />
          <p className="mt-2 text-sm text-stone-700">
            课程中心的课程共可获得 <strong>{data.available}</strong> 学时。
            <a className="ml-2" data-discover="true" href="/learn/courses">
              去选课
            </a>
            <a className="ml-2" data-discover="true" href={`/learn/hours/${data.year}`}>
              打印 {data.year} 年度学时证明
            </a>
          </p>
        </section>
      ) : null}
      {exam ? (
        <section
          aria-labelledby="exam-title"
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id="exam-title" className="mb-2 text-lg font-semibold">
            {exam.year} 年度学法考试
          </h2>
          <p>
            {exam.passed
              ? `已通过（${exam.best} 分）。`
              : !exam.tried
                ? "尚未参加。"
                : `最高 ${exam.best ?? "—"} 分，尚未通过，剩余 ${exam.remaining} 次机会。`}
            <a className="ml-2" data-discover="true" href="/learn/exam">
              {exam.passed ? "查看成绩" : "前往考试"}
            </a>
          </p>
        </section>
      ) : null}
      <section
        aria-labelledby="progress-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="progress-title" className="mb-2 text-lg font-semibold">
          学习中的课程
        </h2>
        {data.inProgress.length === 0 ? (
          <p>
            暂无学习中的课程。
            <a data-discover="true" href="/learn/courses">
              去课程中心选课
            </a>
          </p>
        ) : (
          <ul
            className="space-y-3"
            dangerouslySetInnerHTML={{ __html: inProgressHtml(data.inProgress) }}
          />
        )}
      </section>
      <section
        aria-labelledby="cert-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="cert-title" className="mb-2 text-lg font-semibold">
          已完成的课程与证书
        </h2>
        {data.certificates.length === 0 ? (
          <p>还没有完成的课程。</p>
        ) : (
          <ul
            className="divide-y"
            dangerouslySetInnerHTML={{ __html: certificatesHtml(data.certificates) }}
          />
        )}
      </section>
      <section
        aria-labelledby="wrong-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="wrong-title" className="mb-2 text-lg font-semibold">
          错题本
        </h2>
        <p>
          错题本中有 <strong>{data.wrongCount}</strong> 道题。
          <a data-discover="true" href="/learn/wrong-answers">
            打开错题本
          </a>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
