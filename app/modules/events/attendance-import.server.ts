import crypto from "node:crypto";
import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { cleanStrictCell } from "#app/modules/roster/cells.ts";
import { headerKey } from "#app/modules/roster/parse.server.ts";
import { HEADER_ALIASES } from "#app/modules/roster/schemas.ts";
import { readSheet, type SheetRow } from "#app/modules/roster/sheet.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { attend } from "./checkin.server.ts";
import { ATTENDEE_ROLES, audienceAmong, type EventRow } from "./events.server.ts";
import { MAX_SHEET_BYTES, MAX_SHEET_ROWS } from "./material-schemas.ts";

// The attendance-sheet import (issue 20): the organiser uploads the venue's sign-in sheet (CSV
// or XLSX, read by the roster import's sheet reader) with a 工号 column and optionally 姓名.
// The preview sorts every row: matched (to be marked present), already present, outside the
// event's audience, unknown 工号, and rows with a problem (姓名 not matching, a repeated 工号, an
// empty or malformed 工号). The confirmation marks the matched people present through the roll
// call's path (EventAttendance once per person, so 学时 reach CreditLedger; audited with a
// count); it checks every person again, so a forged or stale confirmation marks nobody wrongly.

export type SheetPerson = { line: number; username: string; name: string };
export type ImportPreview = {
  ok: true;
  sha256: string;
  format: "CSV" | "XLSX";
  rows: number;
  matched: (SheetPerson & { userId: number; unitName: string | null })[];
  already: SheetPerson[];
  outside: SheetPerson[];
  unknown: SheetPerson[];
  problems: (SheetPerson & { message: string })[];
};
export type ImportFailure = { ok: false; status: 400 | 409 | 413 | 415; message: string };

const fail = (message: string, status: ImportFailure["status"] = 400): ImportFailure => ({
  ok: false,
  status,
  message,
});
const TOO_MANY = `签到表最多 ${MAX_SHEET_ROWS.toLocaleString("en-US")} 行，请拆分后分批导入`;
const HEADER_ROWS = 10;

/** The 工号 and 姓名 columns of the first row (of the first ten) naming 工号. */
function findHeader(rows: SheetRow[]) {
  for (const [at, row] of rows.slice(0, HEADER_ROWS).entries()) {
    const keys = row.values.map((cell) => HEADER_ALIASES[headerKey(cell)]);
    const username = keys.indexOf("username");
    if (username >= 0) return { at, username, name: keys.indexOf("name") };
  }
  return null;
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** Reads and sorts a sheet against the event; writes nothing. */
export async function previewAttendanceSheet(
  event: Pick<EventRow, "id">,
  bytes: Buffer,
): Promise<ImportPreview | ImportFailure> {
  const sheet = await readSheet(bytes, {
    maxBytes: MAX_SHEET_BYTES,
    maxRows: MAX_SHEET_ROWS,
    tooManyRows: TOO_MANY,
  });
  if (!sheet.ok) return sheet;
  const nonEmpty = sheet.rows.filter((r) => r.values.some((v) => v.trim() !== ""));
  const header = findHeader(nonEmpty);
  if (!header) return fail("未找到表头：签到表须有“工号”列（可选“姓名”列），请下载模板填写");
  const body = nonEmpty.slice(header.at + 1);
  if (body.length === 0) return fail("签到表只有表头，没有人员");
  if (body.length > MAX_SHEET_ROWS) return fail(TOO_MANY);
  const problems: ImportPreview["problems"] = [];
  const firstLine = new Map<string, number>();
  const people: SheetPerson[] = [];
  for (const r of body) {
    const username = cleanStrictCell(r.values[header.username] ?? "").value;
    const name = header.name >= 0 ? cleanStrictCell(r.values[header.name] ?? "").value : "";
    const person = { line: r.line, username: username.slice(0, 40), name: name.slice(0, 40) };
    if (!username) problems.push({ ...person, message: "工号为空" });
    else if (!USERNAME.test(username)) problems.push({ ...person, message: "工号格式不正确" });
    else if (firstLine.has(username))
      problems.push({ ...person, message: `与第 ${firstLine.get(username)} 行工号重复` });
    else {
      firstLine.set(username, r.line);
      people.push(person);
    }
  }
  const users = people.length
    ? await db()
        .selectFrom("User as u")
        .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
        .select(["u.id", "u.username", "u.name", "o.name as unitName"])
        .where(
          "u.username",
          "in",
          people.map((p) => p.username),
        )
        .where("u.role", "in", ATTENDEE_ROLES)
        .where("u.disabled", "=", false)
        .execute()
    : [];
  const byName = new Map(users.map((u) => [u.username, u]));
  const ids = users.map((u) => u.id);
  const [inAudience, present] = await Promise.all([
    audienceAmong(event.id, ids),
    ids.length
      ? db()
          .selectFrom("EventAttendance")
          .select("userId")
          .where("eventId", "=", event.id)
          .where("userId", "in", ids)
          .execute()
          .then((rows) => new Set(rows.map((r) => r.userId)))
      : new Set<number>(),
  ]);
  const preview: ImportPreview = {
    ok: true,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    format: sheet.format,
    rows: body.length,
    matched: [],
    already: [],
    outside: [],
    unknown: [],
    problems,
  };
  for (const p of people) {
    const user = byName.get(p.username);
    if (!user) preview.unknown.push(p);
    else if (p.name && p.name !== user.name)
      preview.problems.push({ ...p, message: `姓名与工号不符（系统中为“${user.name}”）` });
    else if (present.has(user.id)) preview.already.push({ ...p, name: user.name });
    else if (!inAudience.has(user.id)) preview.outside.push({ ...p, name: user.name });
    else preview.matched.push({ ...p, name: user.name, userId: user.id, unitName: user.unitName });
  }
  preview.problems.sort((a, b) => a.line - b.line);
  return preview;
}

/**
 * Marks the previewed people present (EventAttendance with method IMPORT, once per person: a
 * second import of the same sheet adds nobody). Each person is checked again: an active staff
 * account in the event's audience; the rest are counted as refused. One audit row with counts.
 */
export async function importAttendance(
  actor: Pick<SessionUser, "id" | "username">,
  event: EventRow,
  userIds: number[],
  sha256: string,
  ip: string | null,
  now = new Date(),
): Promise<{ ok: true; added: number; already: number; refused: number } | ImportFailure> {
  if (event.cancelledAt) return fail("活动已取消", 409);
  if (now < event.checkInFrom) return fail("签到尚未开始，不能导入签到表", 409);
  return write(async (tx) => {
    const valid = await tx
      .selectFrom("User")
      .select("id")
      .where("id", "in", userIds)
      .where("role", "in", ATTENDEE_ROLES)
      .where("disabled", "=", false)
      .execute();
    const allowed = await audienceAmong(
      event.id,
      valid.map((u) => u.id),
      tx,
    );
    let added = 0;
    for (const id of [...allowed].sort((a, b) => a - b))
      if (await attend(tx, event, id, "IMPORT", now, actor.id)) added++;
    const result = {
      ok: true as const,
      added,
      already: allowed.size - added,
      refused: userIds.length - allowed.size,
    };
    await audit(tx, {
      actor,
      action: "EVENT_ATTENDANCE_IMPORT",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip,
      detail: { added, already: result.already, refused: result.refused, sheet: sha256 },
    });
    return result;
  });
}

/** The template: UTF-8 with BOM (Excel opens it), the two columns and one example row. */
export function attendanceTemplateCsv(): string {
  return "\uFEFF工号,姓名\r\nA100001,张三\r\n";
}
