import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders, issuesCsv } from "#app/modules/roster/credentials.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";
import { findJob } from "#app/modules/roster/jobs.server.ts";
import { JobQuerySchema } from "#app/modules/roster/schemas.ts";
import { parseQuery } from "#app/utils/form.server.ts";

/** Every problem the preview found, as a CSV the admin can sort and work through. */
export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const parsed = parseQuery(request, JobQuerySchema);
  const job = parsed.success ? findJob(parsed.data.job, admin.id) : null;
  if (!job) return redirect("/admin/import");
  return new Response(issuesCsv(job.validation.issues), {
    headers: csvHeaders("import-problems.csv", "导入问题清单.csv"),
  });
}
