import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { credentialsCsv, csvHeaders } from "#app/modules/roster/credentials.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";
import { findJob, takeCredentials } from "#app/modules/roster/jobs.server.ts";
import { JobActionSchema } from "#app/modules/roster/schemas.ts";
import { write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { parseFormData, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

/** The download is a POST (it hands the passwords over and forgets them); a GET goes back to the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  return redirect("/admin/import");
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const form = await readForm(request);
  const parsed = form ? parseFormData(form, JobActionSchema.omit({ intent: true })) : null;
  if (!parsed?.ok) return redirect("/admin/import");
  const job = findJob(parsed.data.job, admin.id);
  const credentials = job ? takeCredentials(job) : null;
  if (!job || !credentials) return redirect(job ? `/admin/import?job=${job.id}` : "/admin/import");
  await write((tx) =>
    audit(tx, {
      actor: admin,
      action: "EXPORT",
      objectType: "user",
      result: "SUCCESS",
      ip: clientIp(request),
      detail: { table: "import-initial-credentials", count: credentials.length },
    }),
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(credentialsCsv(credentials), {
    headers: csvHeaders(`initial-passwords-${stamp}.csv`, `初始密码-${stamp}.csv`),
  });
}
