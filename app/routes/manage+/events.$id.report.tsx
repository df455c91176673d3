import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "#app/data/audit.server.ts";
import { write } from "#app/data/db.server.ts";
import { downloadHeaders, xlsxStream } from "#app/modules/assignments/export.server.ts";
import { getManagedEvent, ORGANISER_ROLES } from "#app/modules/events/events.server.ts";
import { eventReport } from "#app/modules/events/report.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

/** The event report as XLSX: attendance by unit, the totals and the feedback (audited download). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ORGANISER_ROLES);
  const id = idField().safeParse(params.id);
  const event = id.success ? await getManagedEvent(user, id.data) : null;
  if (!event) throw new Response("活动不存在", { status: 404 });
  const report = await eventReport(event.id);
  await write((tx) =>
    audit(tx, {
      actor: user,
      action: "EXPORT",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip: clientIp(request),
      detail: { table: "event-report" },
    }),
  );
  const rows: (string | number)[][] = [
    ...report.units.map((u) => [
      u.unitName,
      u.confirmed,
      u.waitlist,
      u.attended,
      u.joined,
      u.codeCheckedIn,
    ]),
    [
      "合计",
      report.total.confirmed,
      report.total.waitlist,
      report.total.attended,
      report.total.joined,
      report.total.codeCheckedIn,
    ],
    [],
    ["评价人数", report.feedback.count, "平均评分", report.feedback.average ?? "-"],
    ...report.comments.map((c) => [`${c.rating} 分`, c.comment]),
  ];
  return new Response(
    xlsxStream(
      { headers: ["单位", "报名", "候补", "签到", "线上入会", "线上签到码签到"], rows },
      "活动报告",
    ),
    {
      headers: downloadHeaders(`${event.title}-活动报告`, "xlsx"),
    },
  );
}
