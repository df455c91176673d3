import fs from "node:fs";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { filesDir, storedPath } from "./files.server.ts";

// An orphan younger than this may belong to an upload whose transaction is still running.
const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * Retention: deletes the stored files of bookings that reached a final state more than
 * `retentionDays` ago (the rows stay, marked purged, for the record) and files in
 * FILES_DIR that no row names. Idempotent, so safe to run from cron.
 */
export async function purgeFiles(retentionDays: number, now = new Date()) {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const expired = await prisma.bookingFile.findMany({
    where: { purgedAt: null, booking: { closedAt: { lt: before } } },
    select: { id: true, storedName: true },
  });
  for (const f of expired) fs.rmSync(storedPath(f.storedName), { force: true });
  if (expired.length > 0)
    await prisma.bookingFile.updateMany({
      where: { id: { in: expired.map((f) => f.id) } },
      data: { purgedAt: now },
    });
  const dir = filesDir();
  const live = new Set(
    (
      await prisma.bookingFile.findMany({ where: { purgedAt: null }, select: { storedName: true } })
    ).map((f) => f.storedName),
  );
  let orphans = 0;
  for (const name of fs.readdirSync(dir)) {
    if (live.has(name)) continue;
    const stat = fs.statSync(`${dir}/${name}`);
    if (!stat.isFile() || now.getTime() - stat.mtimeMs < ORPHAN_GRACE_MS) continue;
    fs.rmSync(`${dir}/${name}`, { force: true });
    orphans++;
  }
  await writeAudit(prisma, {
    actorName: "files:purge",
    action: "FILES_PURGE",
    objectType: "bookingFile",
    result: "SUCCESS",
    detail: { expired: expired.length, orphans, retentionDays },
  });
  return { expired: expired.length, orphans };
}
