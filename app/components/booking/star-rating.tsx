import { Form, useNavigation } from "@remix-run/react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";

type Errors = { formError?: string | null; fieldErrors?: Record<string, string> } | undefined;

/**
 * 1–5 stars as a native radio group (fieldset/legend, arrow keys move, visible focus ring), with
 * an optional comment. Nothing is preselected: submitting without a choice says 请选择评分.
 */
export function StarRating({ errors, maxComment }: { errors: Errors; maxComment: number }) {
  const busy = useNavigation().state !== "idle";
  const scoreError = errors?.fieldErrors?.score;
  const commentError = errors?.fieldErrors?.comment;
  return (
    <section
      aria-labelledby="rate-title"
      className="rounded-lg border border-stone-300 bg-white p-4"
    >
      <h2 id="rate-title" className="mb-3 text-lg font-semibold">
        评价本次服务
      </h2>
      <Form method="post">
        <FormError message={errors?.formError} />
        <input type="hidden" name="intent" value="rate" />
        <fieldset
          className="mb-3"
          aria-invalid={scoreError ? true : undefined}
          aria-describedby={scoreError ? "score-error" : undefined}
        >
          <legend className="font-medium">评分（1–5 星）</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {[1, 2, 3, 4, 5].map((n) => (
              <label
                key={n}
                className="flex min-h-11 cursor-pointer items-center gap-1 rounded border border-stone-400 px-3 py-1 has-[:checked]:border-amber-600 has-[:checked]:bg-amber-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-700"
              >
                <input type="radio" name="score" value={n} className="h-4 w-4" />
                <span aria-hidden="true" className="text-amber-600">
                  {"★".repeat(n)}
                </span>
                <span>{n} 星</span>
              </label>
            ))}
          </div>
          {scoreError ? (
            <p id="score-error" className="mt-1 text-sm text-red-700">
              {scoreError}
            </p>
          ) : null}
        </fieldset>
        <div className="mb-3">
          <label htmlFor="rate-comment" className="block font-medium">
            评价（可选，最多 {maxComment} 字）
          </label>
          <textarea
            id="rate-comment"
            name="comment"
            rows={3}
            maxLength={maxComment}
            className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
            aria-invalid={commentError ? true : undefined}
            aria-describedby={commentError ? "rate-comment-error" : undefined}
          />
          {commentError ? (
            <p id="rate-comment-error" className="mt-1 text-sm text-red-700">
              {commentError}
            </p>
          ) : null}
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "正在提交…" : "提交评价"}
        </Button>
      </Form>
    </section>
  );
}
