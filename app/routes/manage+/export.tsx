import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getVisibleAssignment } from "#app/modules/assignments/assignments.server.ts";
import {
  beijingDate,
  csvStream,
  downloadHeaders,
  PEOPLE_HEADERS,
  peopleRows,
  xlsxStream,
  type Table,
} from "#app/modules/assignments/export.server.ts";
import { personRowsStream, rate, unitRollup } from "#app/modules/assignments/rollup.server.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";
import { parseQuery } from "#app/utils/form.server.ts";

const ExportSchema = z.object({
  assignment: idField(),
  unit: idField(),
  table: z.enum(["units", "people"]),
  format: z.enum(["csv", "xlsx"]),
});

// A download: GET, read-only (the audit row records who exported what).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const parsed = parseQuery(request, ExportSchema);
  if (!parsed.success) throw new Response("导出参数无效", { status: 400 });
  const q = parsed.data;
  const { user, unit } = await requireManagerUnit(request, q.unit);
  const assignment = await getVisibleAssignment(user, q.assignment);
  if (!assignment) throw new Response("学习任务不存在", { status: 404 });
  let table: Table;
  if (q.table === "units") {
    const { total, rows } = await unitRollup([assignment.id], unit);
    table = {
      headers: ["单位", "应学人数", "已完成", "学习中", "未开始", "已逾期", "完成率(%)"],
      rows: [...rows, { name: `${unit.name}（合计）`, ...total }].map((r) => [
        r.name,
        r.assigned,
        r.completed,
        r.inProgress,
        r.notStarted,
        r.overdue,
        rate(r),
      ]),
    };
  } else {
    table = {
      headers: PEOPLE_HEADERS,
      rows: peopleRows(personRowsStream([assignment.id], unit)),
    };
  }
  await write((tx) =>
    audit(tx, {
      actor: user,
      action: "EXPORT",
      objectType: "assignment",
      objectId: assignment.id,
      result: "SUCCESS",
      ip: clientIp(request),
      detail: { unitId: unit.id, table: q.table, format: q.format },
    }),
  );
  const sheet = q.table === "units" ? "单位汇总" : "人员明细";
  const name = `${assignment.title}-${unit.name}-${sheet}`;
  const body =
    q.format === "csv"
      ? csvStream(table)
      : xlsxStream(table, sheet, {
          title: `${assignment.title}（截止 ${beijingDate(assignment.dueAt)}）${unit.name}${sheet}，导出日期 ${beijingDate()}`,
          widths: q.table === "units" ? [28, 10, 10, 10, 10, 10, 12] : [14, 12, 28, 12, 14, 10, 20],
        });
  return new Response(body, { headers: downloadHeaders(name, q.format) });
}
