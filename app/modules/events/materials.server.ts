import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { discardFiles, type StoredFile } from "#app/modules/booking/files.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import {
  getEvent,
  getManagedEvent,
  inAudience,
  type Attendee,
  type EventRow,
} from "./events.server.ts";
import { MAX_MATERIALS, type MaterialKind } from "./material-schemas.ts";

// Event materials (issue 20): PDF/DOCX uploaded by the organiser with the booking upload's
// checks (booking/upload.server.ts: content, not name; size limit; sha256), stored in FILES_DIR
// under a random name, served by our own server as an attachment (booking/download.server.ts).

type Actor = Pick<SessionUser, "id" | "username">;

/** An event's materials, oldest first (what the pages list). */
export function listMaterials(eventId: number) {
  return db()
    .selectFrom("EventMaterial")
    .select(["id", "kind", "originalName", "format", "size", "createdAt"])
    .where("eventId", "=", eventId)
    .orderBy("id")
    .execute();
}

/**
 * Records checked and stored files as the event's materials (one audit row naming them). At
 * most MAX_MATERIALS per event; when refused or when the write fails, the stored files are
 * removed again, so nothing is left half-written.
 */
export async function addMaterials(
  actor: Actor,
  event: Pick<EventRow, "id">,
  kind: MaterialKind,
  files: StoredFile[],
  ip: string | null,
  now = new Date(),
): Promise<{ ok: true; added: number } | { ok: false; status: 409; message: string }> {
  try {
    const result = await write(async (tx) => {
      const row = await tx
        .selectFrom("EventMaterial")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("eventId", "=", event.id)
        .executeTakeFirstOrThrow();
      if (Number(row.n) + files.length > MAX_MATERIALS)
        return {
          ok: false as const,
          status: 409 as const,
          message: `每个活动最多 ${MAX_MATERIALS} 份资料（已有 ${Number(row.n)} 份），请先删除不需要的资料`,
        };
      const ids = await tx
        .insertInto("EventMaterial")
        .values(
          files.map((f) => ({
            eventId: event.id,
            kind,
            originalName: f.originalName,
            storedName: f.storedName,
            format: f.format,
            size: f.size,
            sha256: f.sha256,
            uploadedById: actor.id,
            createdAt: now,
          })),
        )
        .returning("id")
        .execute();
      await audit(tx, {
        actor,
        action: "EVENT_MATERIAL_UPLOAD",
        objectType: "event",
        objectId: event.id,
        result: "SUCCESS",
        ip,
        detail: {
          kind,
          files: files.map((f, i) => ({ id: ids[i]?.id, name: f.originalName, sha256: f.sha256 })),
        },
      });
      return { ok: true as const, added: files.length };
    });
    if (!result.ok) discardFiles(files);
    return result;
  } catch (error) {
    discardFiles(files);
    throw error;
  }
}

/** Deletes one material of the event (audited); its file goes once the row is gone. */
export async function deleteMaterial(
  actor: Actor,
  event: Pick<EventRow, "id">,
  materialId: number,
  ip: string | null,
): Promise<{ ok: true; name: string } | { ok: false; status: 404; message: string }> {
  const gone = await write(async (tx) => {
    const m = await tx
      .deleteFrom("EventMaterial")
      .where("id", "=", materialId)
      .where("eventId", "=", event.id)
      .returning(["id", "originalName", "storedName", "sha256", "kind"])
      .executeTakeFirst();
    if (!m) return null;
    await audit(tx, {
      actor,
      action: "EVENT_MATERIAL_DELETE",
      objectType: "eventMaterial",
      objectId: m.id,
      result: "SUCCESS",
      ip,
      detail: { eventId: event.id, kind: m.kind, name: m.originalName, sha256: m.sha256 },
    });
    return m;
  });
  if (!gone) return { ok: false, status: 404, message: "资料不存在或已删除" };
  discardFiles([gone]);
  return { ok: true, name: gone.originalName };
}

function materialOf(eventId: number, materialId: number) {
  return db()
    .selectFrom("EventMaterial")
    .select(["id", "eventId", "originalName", "storedName", "format", "size", "sha256"])
    .where("id", "=", materialId)
    .where("eventId", "=", eventId)
    .executeTakeFirst();
}
export type Material = NonNullable<Awaited<ReturnType<typeof materialOf>>>;

/** A material for a staff member in the event's audience (else undefined: the route says 404). */
export async function materialForAttendee(user: Attendee, eventId: number, materialId: number) {
  const event = await getEvent(eventId);
  if (!event || !(await inAudience(user, eventId))) return undefined;
  return materialOf(eventId, materialId);
}

/** A material of an event the organiser manages (else undefined). */
export async function materialForOrganiser(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  eventId: number,
  materialId: number,
) {
  return (await getManagedEvent(actor, eventId)) ? materialOf(eventId, materialId) : undefined;
}

/** The FILE_DOWNLOAD audit row of a material download (DENIED for a refused or missing one). */
export function auditMaterialDownload(
  actor: Actor,
  ip: string | null,
  material: Material | undefined,
  rawId: string | undefined,
) {
  return write((tx) =>
    audit(tx, {
      actor,
      action: "FILE_DOWNLOAD",
      objectType: "eventMaterial",
      objectId: material ? material.id : rawId?.slice(0, 20),
      result: material ? "SUCCESS" : "DENIED",
      ip,
      detail: material ? { eventId: material.eventId, sha256: material.sha256 } : undefined,
    }),
  );
}
