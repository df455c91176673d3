import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { verifyCertificate } from "#app/modules/learning/certificates.server.ts";
import { VerifySchema } from "#app/modules/learning/schemas.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "证书核验 - 法治学堂" }];

// Public (PUBLIC_PATHS): anyone can check a certificate; it reveals only name, course and date.
// A GET form so the link printed on a certificate works; rate-limited in server/app.ts.
const EmptyQuery = z.object({ no: z.literal("").optional(), code: z.literal("").optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  if (parseQuery(request, EmptyQuery).success)
    return json({ state: "empty" as const, no: "", code: "" });
  const parsed = parseQuery(request, VerifySchema);
  if (!parsed.success)
    return json(
      {
        state: "invalid" as const,
        message: parsed.error.issues[0]?.message ?? "输入无效",
        no: "",
        code: "",
      },
      { status: 400 },
    );
  const result = await verifyCertificate(parsed.data.no, parsed.data.code);
  if (!result)
    return json({ state: "not-found" as const, no: parsed.data.no, code: "" }, { status: 404 });
  return json({
    state: "valid" as const,
    no: parsed.data.no,
    code: parsed.data.code,
    result: { ...result, date: formatDateTime(result.completedAt).slice(0, 10) },
  });
}

export default function VerifyPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-bold">证书核验</h1>
      <p>输入证书上的编号和验证码，核验该证书是否由法治学堂签发。</p>
      <Form method="get" className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
        <div>
          <label htmlFor="v-no" className="block font-medium">
            证书编号
          </label>
          <input
            id="v-no"
            name="no"
            defaultValue={data.no}
            placeholder="FZXT-2026-XXXXXXXX"
            className="mt-1 w-full rounded border border-stone-400 px-3 py-2 font-mono"
          />
        </div>
        <div>
          <label htmlFor="v-code" className="block font-medium">
            验证码
          </label>
          <input
            id="v-code"
            name="code"
            defaultValue={data.code}
            className="mt-1 w-full rounded border border-stone-400 px-3 py-2 font-mono"
          />
        </div>
        <Button type="submit">核验</Button>
      </Form>
      {data.state === "invalid" ? <FormError message={data.message} /> : null}
      {data.state === "not-found" ? (
        <FormError message="未找到与该编号和验证码相符的证书。" />
      ) : null}
      {data.state === "valid" ? (
        <div role="status" className="rounded border border-green-700 bg-green-50 p-4">
          <p className="font-semibold">证书有效</p>
          <dl className="mt-2 grid grid-cols-[5rem_1fr] gap-y-1">
            <dt>姓名</dt>
            <dd>{data.result.name}</dd>
            <dt>课程</dt>
            <dd>{data.result.course}</dd>
            <dt>完成日期</dt>
            <dd>{data.result.date}</dd>
          </dl>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
