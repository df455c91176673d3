import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { ReadingClock, useReadingPosition } from "#app/components/reading-clock.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { lessonNotices } from "#app/modules/laws/citation-flags.server.ts";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import {
  findCourseForLearner,
  findLesson,
  markLessonRead,
  openLesson,
  secondsLeft,
} from "#app/modules/learning/course.server.ts";
import { MarkReadSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? "课文"} - 法治学堂` },
];

async function load(request: Request, params: { slug?: string; lesson?: string }) {
  const user = await requireRole(request, LEARNER_ROLES);
  const course = await findCourseForLearner(params.slug ?? "", user.role);
  const lesson = course ? await findLesson(course.id, params.lesson ?? "") : null;
  if (!course || !lesson) throw new Response("课文不存在", { status: 404 });
  return { user, course, lesson };
}

const minutes = (s: number) => (s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lesson } = await load(request, params);
  const now = new Date();
  // Starting the reading clock is the one write a GET makes: idempotent, and
  // only ever the first time the server shows this lesson to this learner.
  const { lessons, openedAt } = await openLesson(user.id, lesson, now);
  const index = lessons.findIndex((l) => l.id === lesson.id);
  const link = (l: { slug: string; title: string } | undefined) =>
    l ? { slug: l.slug, title: l.title } : null;
  // Only what the page renders (its data is sent twice, as HTML and hydration data).
  return json({
    course: { slug: course.slug, title: course.title },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      html: lesson.html,
      minReadSeconds: lesson.minReadSeconds,
    },
    readAt: lessons[index]?.readAt ?? null,
    secondsLeft: secondsLeft(openedAt, lesson.minReadSeconds, now),
    prev: link(lessons[index - 1]),
    next: link(lessons[index + 1]),
    position: { index: index + 1, total: lessons.length },
    // Amended articles this lesson cites, until ADMIN has reviewed them (decision 0015).
    amendmentNotices: await lessonNotices({ course: course.slug, lesson: lesson.slug }),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, lesson } = await load(request, params);
  const parsed = await parseForm(request, MarkReadSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await markLessonRead(user, lesson, course.id, new Date(), clientIp(request));
  if (!result.ok) {
    const message =
      "secondsLeft" in result
        ? `阅读时间不足，请再阅读 ${minutes(result.secondsLeft)}后标记为已读`
        : "请先打开本课再标记已读";
    return json({ ok: false as const, formError: message, fieldErrors: {} }, { status: 400 });
  }
  return redirect(`/learn/courses/${course.slug}/lessons/${lesson.slug}?read=1`);
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { course, lesson } = data;
  useReadingPosition(`${course.slug}/${lesson.slug}`);
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="位置" className="text-sm">
        <Link to={`/learn/courses/${course.slug}`}>{course.title}</Link> / 第 {data.position.index}{" "}
        课（共 {data.position.total} 课）
      </nav>
      <h1 className="text-2xl font-bold">{lesson.title}</h1>
      <p className="text-sm text-stone-600">
        建议阅读时间 {minutes(lesson.minReadSeconds)}
        {data.readAt ? " · 已读" : ""}
      </p>
      {data.amendmentNotices.length > 0 ? (
        <section
          aria-label="法条修改提示"
          className="rounded-lg border border-amber-600 bg-amber-50 p-3 text-amber-950"
        >
          {data.amendmentNotices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </section>
      ) : null}
      {/* Rendered on the server by remark/rehype-sanitize from validated content: no raw HTML. */}
      <div
        className="prose-content rounded-lg border border-stone-300 bg-white p-4 md:p-6"
        dangerouslySetInnerHTML={{ __html: lesson.html }}
      />
      <section aria-label="阅读进度" className="rounded-lg border border-stone-300 bg-white p-4">
        {data.readAt ? (
          <p role="status">本课已标记为已读。</p>
        ) : (
          <>
            <FormError message={actionData?.formError} />
            <ReadingClock secondsLeft={data.secondsLeft} />
          </>
        )}
      </section>
      <nav aria-label="上一课和下一课" className="flex justify-between gap-4">
        {data.prev ? (
          <Link
            to={`/learn/courses/${course.slug}/lessons/${data.prev.slug}`}
            className="inline-flex min-h-11 items-center"
          >
            ← 上一课：{data.prev.title}
          </Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link
            to={`/learn/courses/${course.slug}/lessons/${data.next.slug}`}
            className="inline-flex min-h-11 items-center text-right"
          >
            下一课：{data.next.title} →
          </Link>
        ) : (
          <Link to={`/learn/courses/${course.slug}`}>返回课程，参加测验 →</Link>
        )}
      </nav>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
