import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, templateCsv } from "#app/modules/roster/credentials.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";

/** An empty roster with the headers and one example row. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  return new Response(templateCsv(), {
    headers: csvHeaders("roster-template.csv", "人员导入模板.csv"),
  });
}
