import { audit } from "#app/data/audit.server.ts";
import { write } from "#app/data/db.server.ts";
import { csvStream, downloadHeaders } from "#app/modules/assignments/export.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { auditExportRows } from "./audit.server.ts";
import { requireAuditorForResource } from "./guard.server.ts";
import { AuditFilterSchema } from "./schemas.ts";

const HEADERS = ["编号", "时间（北京时间）", "操作人", "操作", "对象", "结果", "IP 地址", "详情"];

/**
 * GET /audit/export: every row matching the log's filters as CSV (UTF-8 with BOM, formula cells
 * neutralised), streamed on a connection of its own; the export itself is audited first, with
 * its filter. AUDITOR only (三员分立).
 */
export async function auditExportResponse(request: Request): Promise<Response> {
  const auditor = await requireAuditorForResource(request);
  const parsed = parseQuery(request, AuditFilterSchema);
  if (!parsed.success)
    return new Response(parsed.error.issues[0]?.message ?? "筛选条件无效", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const filter = { ...parsed.data, before: "" as const, after: "" as const };
  const { before: _b, after: _a, ...shown } = filter;
  await write((tx) =>
    audit(tx, {
      actor: auditor,
      action: "EXPORT",
      objectType: "auditLog",
      result: "SUCCESS",
      ip: clientIp(request),
      detail: {
        table: "auditLog",
        format: "csv",
        ...Object.fromEntries(Object.entries(shown).filter(([, v]) => v !== "")),
      },
    }),
  );
  async function* rows() {
    for await (const r of auditExportRows(filter))
      yield [
        r.id,
        formatDateTime(r.at),
        r.actor,
        r.actionLabel,
        r.object,
        r.resultLabel,
        r.ip ?? "",
        r.fields.map((f) => `${f.label}：${f.value}`).join("；"),
      ];
  }
  return new Response(csvStream({ headers: HEADERS, rows: rows() }), {
    headers: downloadHeaders("审计日志", "csv"),
  });
}
