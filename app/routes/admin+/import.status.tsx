import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";
import { findJob, jobStatus } from "#app/modules/roster/jobs.server.ts";
import { JobQuerySchema } from "#app/modules/roster/schemas.ts";
import { parseQuery } from "#app/utils/form.server.ts";

/** The import's progress for the page's poll: state and counts only, never rows or passwords. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const parsed = parseQuery(request, JobQuerySchema);
  // A missing, expired or another admin's job all answer "gone".
  const job = parsed.success ? findJob(parsed.data.job, admin.id) : null;
  return json(jobStatus(job), { headers: { "Cache-Control": "no-store" } });
}
