import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders } from "#app/modules/roster/credentials.server.ts";
import { attendanceTemplateCsv } from "#app/modules/events/attendance-import.server.ts";
import { ORGANISER_ROLES } from "#app/modules/events/events.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

/** The attendance sheet's template (工号, 姓名 and one example row), for organisers. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ORGANISER_ROLES);
  return new Response(attendanceTemplateCsv(), {
    headers: csvHeaders("attendance-template.csv", "签到表模板.csv"),
  });
}
