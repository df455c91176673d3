import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { mySubscriptions, setSubscriptions } from "#app/modules/policy/subscriptions.server.ts";
import {
  DoneQuerySchema,
  doneOf,
  INDUSTRIES,
  SubscriptionSchema,
} from "#app/modules/policy/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "订阅行业政策 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const saved = doneOf(parseQuery(request, DoneQuerySchema)).saved === "1";
  return json({ industries: await mySubscriptions(user.id), saved });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const parsed = await parseForm(request, SubscriptionSchema);
  if (!parsed.ok) return badRequest(parsed);
  await setSubscriptions(user, parsed.data.industries, clientIp(request));
  return redirect("/policy/subscriptions?saved=1");
}

export default function SubscriptionsPage() {
  const { industries, saved } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to="/policy">← 政策解读</Link>
      </p>
      <h1 className="text-2xl font-bold">订阅行业政策</h1>
      <p className="text-stone-700">
        选择与贵企业相关的行业。面向企业的政策解读发布或修订时，您会在站内通知中收到提醒。
      </p>
      {saved ? <Notice>订阅已保存。</Notice> : null}
      <FormError message={data?.formError ?? data?.fieldErrors?.industries} />
      {industries.length === 0 ? <p>您还没有订阅任何行业。</p> : null}
      <Form method="post" className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
        <fieldset>
          <legend className="mb-2 font-medium">行业</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {INDUSTRIES.map((i) => (
              <label key={i} className="inline-flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="industries"
                  value={i}
                  defaultChecked={industries.includes(i)}
                />
                {i}
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit">保存订阅</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
