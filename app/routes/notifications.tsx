import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { mailEnabled } from "#app/modules/notifications/mail.server.ts";
import { listNotifications, markAllRead } from "#app/modules/notifications/notifications.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "通知 - 法治学堂" }];
const READERS = ["STAFF", "MANAGER", "EXPERT", "ENTERPRISE", "ADMIN"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, READERS);
  return json({ notifications: await listNotifications(user.id), mail: mailEnabled() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, READERS);
  const parsed = await parseForm(request, z.object({ intent: z.literal("read-all") }).strict());
  if (!parsed.ok) return badRequest(parsed);
  await markAllRead(user.id);
  return redirect("/notifications");
}

export default function Notifications() {
  const { notifications, mail } = useLoaderData<typeof loader>();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">通知</h1>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <Button type="submit" variant="secondary">
              全部标为已读
            </Button>
          </Form>
        ) : null}
      </div>
      <p className="text-sm text-stone-600">
        {mail ? "提醒也会发送到您在个人资料中留下的邮箱。" : "邮件服务未开启：通知只在站内显示。"}
      </p>
      {notifications.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">没有通知。</p>
      ) : (
        <ul className="space-y-3">
          {notifications.map((n) => (
            <li
              key={n.id}
              className={`rounded-lg border bg-white p-4 ${n.readAt ? "border-stone-300" : "border-brand-600"}`}
            >
              <p className="font-semibold">
                {n.readAt ? "" : "【未读】"}
                {n.title}
              </p>
              <p>{n.body}</p>
              <p className="text-sm text-stone-600">
                {formatDateTime(n.createdAt)}
                {n.link ? (
                  <>
                    {" "}
                    · <Link to={n.link}>前往处理</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
