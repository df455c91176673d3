import { json } from "@remix-run/node";
import { consultSettings } from "#app/modules/booking/settings.server.ts";
import { checkAndStore, isMultipart, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { badRequest, parseFormData, parseIntentForm, readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { revealCheckCode, rollCall } from "./checkin.server.ts";
import type { requireManagedEvent } from "./managed.server.ts";
import { DeleteMaterialSchema, MaterialUploadSchema } from "./material-schemas.ts";
import { addMaterials, deleteMaterial } from "./materials.server.ts";
import { saveRecord } from "./record.server.ts";
import { AssignSchema, RecordSchema, RevealCodeSchema, RollCallSchema } from "./schemas.ts";
import { assignStaff } from "./signup.server.ts";

// The action of the organiser's event page (/manage/events/<id>): the material upload
// (multipart) and one named function per form intent. The route calls requireManagedEvent first.

type Managed = Awaited<ReturnType<typeof requireManagedEvent>>;

const INTENTS = {
  rollcall: RollCallSchema,
  reveal: RevealCodeSchema,
  assign: AssignSchema,
  record: RecordSchema,
  deleteMaterial: DeleteMaterialSchema,
};

type Failure = { ok: false; formError: string; fieldErrors: Record<string, string> };
const failWith = (status: number, message: string, field?: string) =>
  json<Failure>(
    { ok: false, formError: message, fieldErrors: field ? { [field]: message } : {} },
    { status },
  );
/** A refused intent: 409, the message (beside the field when one is named). */
const fail = (message: string, field?: string) => failWith(409, message, field);
const done = (message: string) => json({ ok: true as const, message });

/**
 * The material upload (multipart): the booking upload's reader and checks (content, size and
 * count limits; an untouched file input is no file), then the rows, or nothing at all.
 */
async function uploadMaterials(request: Request, { user, event }: Managed) {
  const upload = await readUploadForm(request, await consultSettings());
  if (!upload.ok) return failWith(upload.status, upload.message, "files");
  const parsed = parseFormData(upload.form, MaterialUploadSchema);
  if (!parsed.ok) return badRequest(parsed);
  if (upload.files.length === 0)
    return failWith(400, "请选择要上传的资料文件（PDF 或 DOCX）", "files");
  const stored = checkAndStore(upload.files);
  if (!stored.ok) return failWith(stored.status, stored.message, "files");
  const r = await addMaterials(user, event, parsed.data.kind, stored.stored, clientIp(request));
  if (!r.ok) return failWith(r.status, r.message, "files");
  return json({ ok: true as const, message: `已上传 ${r.added} 份资料` });
}

async function rollCallIntent({ user, event }: Managed, userIds: number[], ip: string | null) {
  const r = await rollCall(user, event, userIds, ip);
  return r.ok ? done(`已点名签到 ${r.added} 人`) : fail(r.message);
}

async function revealIntent({ user, event }: Managed, ip: string | null) {
  const r = await revealCheckCode(user, event, ip);
  return r.ok ? done(`线上签到码已公布：${r.code}`) : fail(r.message);
}

async function assignIntent({ user, event }: Managed, usernames: string[], ip: string | null) {
  const r = await assignStaff(user, event, usernames, ip);
  return r.ok
    ? done(`已指派：${r.confirmed} 人获得座位，${r.waitlisted} 人进入候补`)
    : fail(r.message, "usernames");
}

async function recordIntent(
  { user, event }: Managed,
  data: { minutes: string; conclusions: string; casesCited: string; citations: string },
  ip: string | null,
) {
  const r = await saveRecord(user, event, data, ip);
  return r.ok ? done("研讨记录已保存") : fail(r.message, r.field);
}

async function deleteMaterialIntent(
  { user, event }: Managed,
  materialId: number,
  ip: string | null,
) {
  const r = await deleteMaterial(user, event, materialId, ip);
  return r.ok ? done(`已删除资料：${r.name}`) : failWith(r.status, r.message);
}

/** Answers a POST to the organiser's event page for the guarded organiser and event. */
export async function manageEventAction(request: Request, managed: Managed) {
  if (isMultipart(request)) return uploadMaterials(request, managed);
  const parsed = parseIntentForm(await readForm(request), INTENTS);
  if (!parsed.ok) return badRequest(parsed);
  const ip = clientIp(request);
  switch (parsed.intent) {
    case "rollcall":
      return rollCallIntent(managed, (parsed.data as { userIds: number[] }).userIds, ip);
    case "reveal":
      return revealIntent(managed, ip);
    case "assign":
      return assignIntent(managed, (parsed.data as { usernames: string[] }).usernames, ip);
    case "record":
      return recordIntent(
        managed,
        parsed.data as {
          minutes: string;
          conclusions: string;
          casesCited: string;
          citations: string;
        },
        ip,
      );
    case "deleteMaterial":
      return deleteMaterialIntent(managed, (parsed.data as { materialId: number }).materialId, ip);
  }
  return fail("未知的操作");
}
