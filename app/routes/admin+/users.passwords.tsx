import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "#app/data/audit.server.ts";
import { write } from "#app/data/db.server.ts";
import { credentialsCsv, csvHeaders } from "#app/modules/roster/credentials.server.ts";
import { requireAdminForResource } from "#app/modules/roster/guard.server.ts";
import { forgetCredentials, takeCredentials } from "#app/modules/users/bulk-credentials.server.ts";
import { BulkCredentialsSchema } from "#app/modules/users/schemas.ts";
import { parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

/** A GET goes back to the list: the download is a POST (it hands the passwords over and forgets them). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdminForResource(request);
  return redirect("/admin/users");
}

/** A bulk reset's new initial passwords as CSV, once; or "forget" them. */
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdminForResource(request);
  const parsed = await parseForm(request, BulkCredentialsSchema);
  if (!parsed.ok) return redirect("/admin/users");
  const { reset, intent } = parsed.data;
  if (intent === "forget") {
    forgetCredentials(reset, admin.id);
    return redirect("/admin/users");
  }
  const credentials = takeCredentials(reset, admin.id);
  if (!credentials) return redirect("/admin/users");
  await write((tx) =>
    audit(tx, {
      actor: admin,
      action: "EXPORT",
      objectType: "user",
      result: "SUCCESS",
      ip: clientIp(request),
      detail: { table: "bulk-reset-initial-credentials", count: credentials.length },
    }),
  );
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(credentialsCsv(credentials), {
    headers: csvHeaders(`reset-passwords-${stamp}.csv`, `重置密码-${stamp}.csv`),
  });
}
