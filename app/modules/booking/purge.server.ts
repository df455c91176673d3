import fs from "node:fs";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { filesDir, storedPath } from "./files.server.ts";

// An orphan younger than this may belong to an upload whose transaction is still running.
const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * Retention: deletes the stored files of bookings that reached a final state more than
 * `retentionDays` ago (the rows stay, marked purged, for the record) and files in
 * FILES_DIR that no row names (BookingFile, or EventMaterial: an event's materials share the
 * folder and are kept until the organiser deletes them). Idempotent, so safe to run from cron.
 */
export async function purgeFiles(retentionDays: number, now = new Date()) {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const expired = await db()
    .selectFrom("BookingFile as f")
    .innerJoin("Booking as b", "b.id", "f.bookingId")
    .select(["f.id", "f.storedName"])
    .where("f.purgedAt", "is", null)
    .where("b.closedAt", "<", before)
    .execute();
  // The files go first (file I/O stays outside the transaction); a row is marked after.
  for (const f of expired) fs.rmSync(storedPath(f.storedName), { force: true });
  if (expired.length > 0)
    await write(async (tx) => {
      await tx
        .updateTable("BookingFile")
        .set({ purgedAt: now })
        .where(
          "id",
          "in",
          expired.map((f) => f.id),
        )
        .execute();
    });
  const dir = filesDir();
  const [bookingFiles, materials] = await Promise.all([
    db().selectFrom("BookingFile").select("storedName").where("purgedAt", "is", null).execute(),
    db().selectFrom("EventMaterial").select("storedName").execute(),
  ]);
  const live = new Set([...bookingFiles, ...materials].map((f) => f.storedName));
  let orphans = 0;
  for (const name of fs.readdirSync(dir)) {
    if (live.has(name)) continue;
    const stat = fs.statSync(`${dir}/${name}`);
    if (!stat.isFile() || now.getTime() - stat.mtimeMs < ORPHAN_GRACE_MS) continue;
    fs.rmSync(`${dir}/${name}`, { force: true });
    orphans++;
  }
  await write((tx) =>
    audit(tx, {
      actorName: "files:purge",
      action: "FILES_PURGE",
      objectType: "bookingFile",
      result: "SUCCESS",
      detail: { expired: expired.length, orphans, retentionDays },
    }),
  );
  return { expired: expired.length, orphans };
}
