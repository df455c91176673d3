import type { LoaderFunctionArgs } from "@remix-run/node";
import { write } from "#app/data/db.server.ts";
import { adminBookingRows } from "#app/modules/booking/admin.server.ts";
import { AdminBookingFilterSchema } from "#app/modules/booking/schemas.ts";
import { stateLabel, typeLabel } from "#app/modules/booking/state.ts";
import { csvStream, downloadHeaders } from "#app/modules/assignments/export.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

// CSV of every booking matching the list's filters (UTF-8 with BOM, formula cells neutralised).
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const filter = parseQuery(request, AdminBookingFilterSchema);
  if (!filter.success) throw new Response("筛选条件无效", { status: 400 });
  await write((tx) =>
    audit(tx, {
      actor: admin,
      action: "EXPORT",
      objectType: "booking",
      result: "SUCCESS",
      ip: clientIp(request),
      detail: filter.data,
    }),
  );
  async function* rows() {
    for await (const r of adminBookingRows(filter.data!)) {
      yield [
        r.id,
        formatDateTime(r.startAt).slice(0, 16),
        formatDateTime(r.endAt).slice(11, 16),
        typeLabel(r.type),
        r.enterprise,
        r.uscc,
        r.expert,
        r.topic,
        stateLabel(r.status),
        r.files,
        r.ratingScore ?? "",
        formatDateTime(r.createdAt),
      ];
    }
  }
  const headers = [
    "编号",
    "开始时间",
    "结束时间",
    "类型",
    "企业",
    "统一社会信用代码",
    "专家",
    "主题",
    "状态",
    "文件数",
    "评分",
    "提交时间",
  ];
  return new Response(csvStream({ headers, rows: rows() }), {
    headers: downloadHeaders("预约列表", "csv"),
  });
}
