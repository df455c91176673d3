import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { audit } from "#app/data/audit.server.ts";
import { write } from "#app/data/db.server.ts";
import {
  annualPeopleTable,
  annualUnitTable,
  PEOPLE_WIDTHS,
  UNIT_WIDTHS,
} from "#app/modules/annual/export.server.ts";
import { AnnualQuerySchema, yearOf } from "#app/modules/annual/page.server.ts";
import {
  beijingDate,
  csvStream,
  downloadHeaders,
  xlsxStream,
} from "#app/modules/assignments/export.server.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { annualCreditHours } from "#app/modules/learning/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

const ExportSchema = AnnualQuerySchema.extend({
  table: z.enum(["units", "people"], { error: "导出内容无效" }),
  format: z.enum(["csv", "xlsx"], { error: "导出格式无效" }),
});

// A download of the 年度学法统计: GET, read-only but for the audit row recording who exported what.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const parsed = parseQuery(request, ExportSchema);
  if (!parsed.success)
    throw new Response(parsed.error.issues[0]?.message ?? "导出参数无效", { status: 400 });
  const q = parsed.data;
  const { user, unit } = await requireManagerUnit(request, q.unit);
  const year = yearOf(q);
  const required = await annualCreditHours();
  const below = q.below === "1";
  const table =
    q.table === "units"
      ? await annualUnitTable(unit, year, required, q.sort)
      : annualPeopleTable(unit, year, required, below);
  await write((tx) =>
    audit(tx, {
      actor: user,
      action: "EXPORT",
      objectType: "annual_stats",
      objectId: unit.id,
      result: "SUCCESS",
      ip: clientIp(request),
      detail: { unitId: unit.id, year, table: q.table, format: q.format, below },
    }),
  );
  const sheet = q.table === "units" ? "单位统计" : below ? "未达标人员" : "人员明细";
  const title = `${unit.name} ${year} 年度学法统计（${sheet}），导出日期 ${beijingDate()}`;
  const body =
    q.format === "csv"
      ? csvStream(table)
      : xlsxStream(table, sheet, {
          title,
          widths: q.table === "units" ? UNIT_WIDTHS : PEOPLE_WIDTHS,
        });
  return new Response(body, {
    headers: downloadHeaders(`${year}年度学法统计-${unit.name}-${sheet}`, q.format),
  });
}
