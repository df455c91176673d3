import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExportResponse } from "#app/modules/audit/export.server.ts";

// CSV of the filtered audit log, audited; AUDITOR only (the module says how).
export function loader({ request }: LoaderFunctionArgs) {
  return auditExportResponse(request);
}
