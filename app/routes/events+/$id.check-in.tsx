import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import { checkInWithQr } from "#app/modules/events/checkin.server.ts";
import { ATTENDEE_ROLES, getEvent } from "#app/modules/events/events.server.ts";
import { QrCheckInSchema, QrQuerySchema } from "#app/modules/events/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseForm, parseQuery } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "扫码签到 - 法治学堂" }];

const IdParam = idField("活动编号");

async function eventOf(params: { id?: string }) {
  const id = IdParam.safeParse(params.id);
  const event = id.success ? await getEvent(id.data) : null;
  if (!event) throw new Response("活动不存在", { status: 404 });
  return event;
}

/**
 * Where the venue QR code leads (the phone's browser, signed in; the login page comes back
 * here). GET only shows the event and a button: the check-in itself is the POST.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ATTENDEE_ROLES);
  const event = await eventOf(params);
  const q = parseQuery(request, QrQuerySchema);
  return json({
    id: event.id,
    title: event.title,
    code: q.success ? q.data.c : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const event = await eventOf(params);
  const parsed = await parseForm(request, QrCheckInSchema);
  if (!parsed.ok)
    return json({ ok: false as const, message: parsed.fieldErrors.code ?? "签到码无效" }, 400);
  const r = await checkInWithQr(user, event, parsed.data.code, clientIp(request));
  if (!r.ok) return json({ ok: false as const, message: r.message }, r.status);
  return json({
    ok: true as const,
    message: r.already ? "您已签到过，无需重复签到" : `签到成功，获得 ${r.creditHours} 学时`,
  });
}

export default function CheckIn() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-lg border border-stone-300 bg-white p-6">
      <h1 className="text-2xl font-bold">扫码签到</h1>
      <p className="break-words">{d.title}</p>
      <div aria-live="polite">
        {a?.ok ? <Notice>{a.message}</Notice> : null}
        {a && !a.ok ? <FormError message={a.message} /> : null}
      </div>
      {a?.ok ? null : d.code ? (
        <Form method="post">
          <input type="hidden" name="code" value={d.code} />
          <Button type="submit" disabled={busy}>
            确认签到
          </Button>
        </Form>
      ) : (
        <FormError message="签到码无效，请扫描现场屏幕上的二维码" />
      )}
      <p>
        <Link to={`/events/${d.id}`}>查看活动</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
