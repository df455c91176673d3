import { Form } from "@remix-run/react";
import { QuizQuestion } from "#app/components/quiz-question.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import type { DailyView } from "#app/modules/practice/daily.server.ts";

/**
 * 每日一题 on the staff home: today's question answered in place with a plain form (works
 * without JavaScript), then the answer and its 解析 as the quiz review shows them.
 */
export function DailyQuestion({
  daily,
  formError,
}: {
  daily: DailyView;
  formError?: string | null;
}) {
  const { question, answered, streak } = daily;
  return (
    <section id="daily" aria-labelledby="daily-title" className="home-card">
      <div className="home-card-head">
        <h2 id="daily-title" className="text-lg font-semibold">
          每日一题
        </h2>
        <p className="text-sm text-stone-700" data-testid="daily-streak">
          {streak > 0 ? `已连续答题 ${streak} 天` : "今天开始连续答题吧"}
        </p>
      </div>
      <p className="mb-3 text-sm text-stone-600">
        每天一道，本单位同事当天题目相同；每人每天作答一次，不计入学时，不进入错题本。
      </p>
      {!question ? (
        <p>题库中还没有题目。</p>
      ) : answered ? (
        <div className="space-y-3">
          <p
            role="status"
            className={
              answered.correct
                ? "rounded border border-green-700 bg-green-50 p-3 font-semibold"
                : "rounded border border-red-700 bg-red-50 p-3 font-semibold"
            }
          >
            {answered.correct ? "回答正确！" : "回答错误。"}今天已作答，明天再来。
          </p>
          <QuizQuestion q={question} index={0} disabled />
        </div>
      ) : (
        <Form method="post" action="/?index" className="space-y-3">
          <input type="hidden" name="intent" value="submit" />
          <QuizQuestion q={question} index={0} disabled={false} />
          <FormError message={formError} />
          <Button type="submit">提交答案</Button>
        </Form>
      )}
    </section>
  );
}
