import type { LoaderFunctionArgs } from "@remix-run/node";
import { holidayTemplateCsv } from "#app/modules/booking/holiday-csv.server.ts";
import { csvHeaders } from "#app/modules/roster/credentials.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";

/** The holiday import template: the header and one example row (date,kind,name). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  return new Response(holidayTemplateCsv(), {
    headers: csvHeaders("holiday-template.csv", "节假日导入模板.csv"),
  });
}
