import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { needsMeeting } from "#app/components/booking/calendar-panels.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Field, FormError } from "#app/components/ui/field.tsx";
import {
  DIAL_IN_MAX,
  MEETING_URL_MAX,
  MeetingSchema,
} from "#app/modules/booking/calendar-schemas.ts";
import { saveMeeting } from "#app/modules/booking/proposals.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "会议链接 - 法治学堂" }];

// The expert enters the meeting link / dial-in of an online or phone consultation.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const id = idField().safeParse(params.id);
  const b = id.success ? await getBookingFor(user, id.data) : null;
  if (!b) throw new Response("预约不存在", { status: 404 });
  if (!needsMeeting(b)) throw new Response("只有线上或电话咨询需要会议链接", { status: 404 });
  return json({
    booking: {
      id: b.id,
      topic: b.topic,
      mode: b.mode,
      meetingUrl: b.meetingUrl ?? "",
      meetingDialIn: b.meetingDialIn ?? "",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["EXPERT"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("预约不存在", { status: 404 });
  const parsed = await parseForm(request, MeetingSchema);
  if (!parsed.ok) return badRequest(parsed);
  const r = await saveMeeting(user, id.data, parsed.data, clientIp(request));
  if (!r.ok)
    return json(
      { ok: false as const, formError: r.message, fieldErrors: {} as Record<string, string> },
      { status: r.status },
    );
  return redirect(`/consult/bookings/${id.data}?notice=meeting`);
}

export default function MeetingPage() {
  const { booking } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.fieldErrors ?? {};
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">会议链接与拨入方式</h1>
      <p>
        「{booking.topic}」 · <Link to={`/consult/bookings/${booking.id}`}>返回预约详情</Link>
      </p>
      <p className="text-sm text-stone-600">
        企业在预约确认后可以看到这些信息，日历文件（ICS）中也会包含。两项都留空表示清除。
      </p>
      <Form method="post" noValidate>
        <FormError message={result?.formError} />
        <Field
          label="会议链接"
          name="meetingUrl"
          type="url"
          inputMode="url"
          maxLength={MEETING_URL_MAX}
          defaultValue={booking.meetingUrl}
          placeholder="https://meeting.example.cn/j/123456789"
          error={errors.meetingUrl}
          hint="以 https:// 开头的完整网址"
        />
        <Field
          label="拨入方式"
          name="meetingDialIn"
          maxLength={DIAL_IN_MAX}
          defaultValue={booking.meetingDialIn}
          error={errors.meetingDialIn}
          hint="电话号码或会议号、密码，如：010-12345678 转 8001"
        />
        <Button type="submit">保存</Button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
