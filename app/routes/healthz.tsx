import { json } from "@remix-run/node";
import { prisma } from "#app/utils/db.server.ts";

// Public: for load balancers and monitoring. Checks that the database answers.
export async function loader() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return json({ status: "error", database: "unavailable" }, { status: 503 });
  }
}
