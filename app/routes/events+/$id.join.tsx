import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { ATTENDEE_ROLES, getEvent, inAudience } from "#app/modules/events/events.server.ts";
import { joinedAt, joinOnline, joinProblem } from "#app/modules/events/join.server.ts";
import { JoinSchema } from "#app/modules/events/ops-schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseForm } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "进入线上会议 - 法治学堂" }];

const IdParam = idField("活动编号");

async function eventFor(request: Request, params: { id?: string }) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const id = IdParam.safeParse(params.id);
  const event = id.success ? await getEvent(id.data) : null;
  if (!event || !(await inAudience(user, event.id)))
    throw new Response("活动不存在或不面向您", { status: 404 });
  return { user, event };
}

/**
 * The platform's way into an online event's meeting. GET shows a button (no write on GET: a
 * prefetch or a link preview must not count as a join); the POST records the join once per
 * person and sends the browser on to the meeting. The meeting URL is shown only after that.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await eventFor(request, params);
  const problem = joinProblem(event, new Date());
  return json({
    id: event.id,
    title: event.title,
    problem: problem?.message ?? null,
    joinedAt: await joinedAt(event.id, user.id),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await eventFor(request, params);
  const parsed = await parseForm(request, JoinSchema);
  if (!parsed.ok)
    return json({ message: parsed.formError ?? "无法读取提交的表单", url: null }, 400);
  const r = await joinOnline(user, event, clientIp(request));
  if (!r.ok) return json({ message: r.message, url: null }, r.status);
  // Not a redirect: the CSP's form-action 'self' blocks a form POST redirected to another
  // origin. The page goes on to the meeting by script, with the link as the fallback.
  return json({ message: null, url: r.url });
}

export default function JoinMeeting() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const url = a?.url ?? null;
  useEffect(() => {
    if (url) window.location.assign(url);
  }, [url]);
  return (
    <div className="mx-auto max-w-xl space-y-4 rounded border border-stone-300 bg-white p-4">
      <p>
        <Link to={`/events/${d.id}`}>← 返回活动</Link>
      </p>
      <h1 className="text-2xl font-bold break-words">进入线上会议：{d.title}</h1>
      <p>
        请通过本平台的入会链接进入会议，否则无法签到。会议中组织者会公布签到码，请回到活动页输入。
      </p>
      <div aria-live="polite">
        <FormError message={a?.message} />
      </div>
      {d.joinedAt ? (
        <p className="text-stone-700">
          您已于 {formatDateTime(d.joinedAt).slice(0, 16)} 通过本平台入会。
        </p>
      ) : null}
      {url ? (
        <p role="status">
          正在进入会议……如未自动打开，请
          <a href={url} rel="noreferrer noopener">
            点击这里进入会议
          </a>
          。
        </p>
      ) : d.problem ? (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3">
          {d.problem}
        </p>
      ) : (
        <Form method="post">
          <Button type="submit">进入会议</Button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
