// Expert profiles as enterprises see them before choosing (issue 18): specialties, introduction,
// photo, average rating and count. The photo is uploaded by the expert or ADMIN, checked as a
// real JPEG or PNG by its magic bytes and size, stored under FILES_DIR/photos (32 random hex
// characters + extension, never a user-given name) and served by our own resource route.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { readMultipart } from "#app/utils/multipart.server.ts";
import { parseSpecialties } from "./experts.server.ts";
import { filesDir } from "./files.server.ts";

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export type PhotoFormat = "jpg" | "png";
export const PHOTO_TYPES: Record<PhotoFormat, string> = { jpg: "image/jpeg", png: "image/png" };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A real JPEG (FF D8 FF … FF D9) or PNG (signature, IHDR first, IEND last) of at most 2 MB. */
export function checkPhoto(
  bytes: Buffer,
): { ok: true; format: PhotoFormat } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "请选择照片文件" };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: "照片不能超过 2 MB" };
  if (
    bytes.length > 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    bytes[bytes.length - 2] === 0xff &&
    bytes[bytes.length - 1] === 0xd9
  )
    return { ok: true, format: "jpg" };
  if (
    bytes.length > 33 &&
    bytes.subarray(0, 8).equals(PNG) &&
    bytes.subarray(12, 16).toString("latin1") === "IHDR" &&
    bytes.subarray(bytes.length - 8, bytes.length - 4).toString("latin1") === "IEND"
  )
    return { ok: true, format: "png" };
  return { ok: false, message: "照片须为 JPEG 或 PNG 图片（按文件内容判断，不看扩展名）" };
}

export function photosDir(): string {
  const dir = path.join(filesDir(), "photos");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
/** Only names we generate reach the file system. */
export function photoPath(name: string): string {
  if (!/^[0-9a-f]{32}\.(jpg|png)$/.test(name)) throw new Error("invalid photo name");
  return path.join(photosDir(), name);
}

export type PhotoUpload =
  | { ok: true; bytes: Buffer | null; remove: boolean }
  | { ok: false; status: 400 | 413; message: string };

/** The photo form: one file field "photo", or intent=remove-photo. */
export async function readPhotoForm(request: Request): Promise<PhotoUpload> {
  const r = await readMultipart(request, {
    maxFileBytes: PHOTO_MAX_BYTES,
    maxFiles: 1,
    maxBodyBytes: PHOTO_MAX_BYTES + 64 * 1024,
  });
  if (!r.ok)
    return r.problem === "unreadable"
      ? { ok: false, status: 400, message: "无法读取上传的内容，请重新选择照片" }
      : { ok: false, status: 413, message: "照片不能超过 2 MB" };
  if (r.files.some((f) => f.field !== "photo"))
    return { ok: false, status: 400, message: "表单包含不允许提交的字段" };
  const keys = [...r.form.keys()];
  if (keys.some((k) => k !== "intent"))
    return { ok: false, status: 400, message: "表单包含不允许提交的字段" };
  const intent = r.form.getAll("intent");
  if (
    intent.length > 1 ||
    (intent[0] !== undefined && intent[0] !== "remove-photo" && intent[0] !== "photo")
  )
    return { ok: false, status: 400, message: "无效的操作" };
  if (intent[0] === "remove-photo") return { ok: true, bytes: null, remove: true };
  const file = r.files[0];
  if (!file) return { ok: false, status: 400, message: "请选择照片文件" };
  return { ok: true, bytes: file.bytes, remove: false };
}

type Actor = { id: number; username: string };

/** Stores a checked photo (or removes it) and points the profile at it; the old file goes after the commit. */
export async function setPhoto(
  actor: Actor,
  expertId: number,
  bytes: Buffer | null,
  ip: string | null,
): Promise<{ ok: true } | { ok: false; status: 400 | 404 | 503; message: string }> {
  let name: string | null = null;
  if (bytes) {
    const checked = checkPhoto(bytes);
    if (!checked.ok) return { ok: false, status: 400, message: checked.message };
    name = `${crypto.randomBytes(16).toString("hex")}.${checked.format}`;
    try {
      fs.writeFileSync(photoPath(name), bytes, { flag: "wx", mode: 0o600 });
    } catch {
      return { ok: false, status: 503, message: "照片暂时无法保存，请稍后重试" };
    }
  }
  const old = await write(async (tx) => {
    const p = await tx
      .selectFrom("ExpertProfile")
      .select(["id", "photoName"])
      .where("id", "=", expertId)
      .executeTakeFirst();
    if (!p) return undefined;
    await tx
      .updateTable("ExpertProfile")
      .set({ photoName: name, photoUpdatedAt: new Date() })
      .where("id", "=", expertId)
      .execute();
    await audit(tx, {
      actor,
      action: "EXPERT_PHOTO",
      objectType: "expert",
      objectId: expertId,
      result: "SUCCESS",
      ip,
      detail: { photo: name ? "set" : "removed" },
    });
    return p.photoName;
  });
  if (old === undefined) {
    if (name) fs.rmSync(photoPath(name), { force: true });
    return { ok: false, status: 404, message: "专家不存在" };
  }
  if (old) fs.rmSync(photoPath(old), { force: true });
  return { ok: true };
}

/** The photo file of an expert, if he has one. */
export async function photoOf(expertId: number) {
  const p = await db()
    .selectFrom("ExpertProfile")
    .select(["photoName", "photoUpdatedAt"])
    .where("id", "=", expertId)
    .executeTakeFirst();
  if (!p?.photoName) return null;
  const file = photoPath(p.photoName);
  if (!fs.existsSync(file)) return null;
  return {
    file,
    type: PHOTO_TYPES[p.photoName.endsWith(".png") ? "png" : "jpg"],
    etag: `"${p.photoName.slice(0, 32)}"`,
  };
}

function profiles() {
  return db()
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select((eb) => [
      "p.id",
      "p.userId",
      "u.name",
      "p.title",
      "p.organisation",
      "p.specialties",
      "p.bio",
      "p.active",
      "u.disabled",
      "p.photoName",
      "p.photoUpdatedAt",
      eb
        .selectFrom("Booking as b")
        .select((c) => c.fn.count<number>("b.ratingScore").as("n"))
        .whereRef("b.expertId", "=", "p.id")
        .as("ratings"),
      eb
        .selectFrom("Booking as b")
        .select((c) => c.fn.avg<number | null>("b.ratingScore").as("a"))
        .whereRef("b.expertId", "=", "p.id")
        .as("average"),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof profiles>["execute"]>>[number];
const shape = (r: Row) => ({
  id: r.id,
  userId: r.userId,
  name: r.name,
  title: r.title,
  organisation: r.organisation,
  specialties: parseSpecialties(r.specialties),
  bio: r.bio,
  bookable: Boolean(r.active) && !r.disabled,
  photo: r.photoName ? `/consult/experts/${r.id}/photo?v=${r.photoName.slice(0, 8)}` : null,
  ratings: Number(r.ratings ?? 0),
  average: r.average === null ? null : Math.round(Number(r.average) * 10) / 10,
});
export type ExpertProfileView = ReturnType<typeof shape>;

/** The experts enterprises can choose, with photo and rating. */
export async function bookableProfiles(): Promise<ExpertProfileView[]> {
  const rows = await profiles()
    .where("p.active", "=", true)
    .where("u.disabled", "=", false)
    .orderBy("p.id")
    .execute();
  return rows.map(shape);
}

export async function profileOf(id: number): Promise<ExpertProfileView | null> {
  const r = await profiles().where("p.id", "=", id).executeTakeFirst();
  return r ? shape(r) : null;
}
