import { json } from "@remix-run/node";
import { canWrite } from "#app/data/db.server.ts";

// Public: for load balancers and monitoring. Green only when a write transaction can begin and
// commit within a second: a writer stuck behind a held lock, or a failed disk, turns it red.
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  if (await canWrite(1000)) return json({ status: "ok", database: "ok" }, { headers });
  return json({ status: "error", database: "unavailable" }, { status: 503, headers });
}
