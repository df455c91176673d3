import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { purgeFiles } from "#app/modules/booking/purge.server.ts";
import { checkAndStore } from "#app/modules/booking/upload.server.ts";
import {
  importAttendance,
  previewAttendanceSheet,
} from "#app/modules/events/attendance-import.server.ts";
import { createEvent, getEvent } from "#app/modules/events/events.server.ts";
import { MAX_MATERIALS } from "#app/modules/events/material-schemas.ts";
import {
  addMaterials,
  auditMaterialDownload,
  deleteMaterial,
  listMaterials,
  materialForAttendee,
  materialForOrganiser,
} from "#app/modules/events/materials.server.ts";
import { CreateEventSchema } from "#app/modules/events/schemas.ts";
import { signUp } from "#app/modules/events/signup.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { realDocx, realPdf } from "../fixtures/booking/files.ts";
import { makeUnit, makeUser } from "./helpers.ts";

// Issue 20: event materials (booking upload checks, audience-only downloads, audited) and the
// attendance-sheet import (preview by row, confirm through the roll call's path, once per person).

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "evmat-"));
beforeAll(() => {
  process.env.FILES_DIR = dir;
  resetEnvCache();
});
const onDisk = () => fs.readdirSync(dir).length;

const HOUR = 3600_000;
const local = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

async function setup(extra: Record<string, string> = {}) {
  const unit = await makeUnit("资料测试单位", null);
  const other = await makeUnit("其他单位", null);
  const manager = await makeUser({ role: "MANAGER", orgUnitId: unit.id });
  const actor = { ...manager, role: "MANAGER", orgUnitPath: unit.path };
  const start = Math.ceil((Date.now() + 2 * HOUR) / 60_000) * 60_000;
  const input = CreateEventSchema.parse({
    kind: "LECTURE",
    title: "民法典专题讲座",
    scholars: "张明 法学院教授",
    startsAt: local(start),
    endsAt: local(start + 2 * HOUR),
    room: "三楼会议室",
    capacity: "10",
    creditHours: "1.5",
    audience: "TARGETED",
    unitCodes: unit.code,
    ...extra,
  });
  const created = await createEvent(actor, null, input);
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  const event = (await getEvent(created.id))!;
  const person = async (orgUnitId: number, name = "测试用户") => {
    const u = await makeUser({ orgUnitId });
    await write((tx) => tx.updateTable("User").set({ name }).where("id", "=", u.id).execute());
    return { ...u, name, orgUnitPath: orgUnitId === unit.id ? unit.path : other.path };
  };
  return { unit, other, actor, event, person, start };
}

const stored = (files: { name: string; bytes: Buffer }[]) => {
  const r = checkAndStore(files);
  if (!r.ok) throw new Error(r.message);
  return r.stored;
};

describe("event materials (issue 20)", () => {
  it("files:purge keeps an event material's file (it is not an orphan) however old", async () => {
    const { actor, event } = await setup();
    const files = stored([{ name: "讲义.pdf", bytes: realPdf() }]);
    await addMaterials(actor, event, "HANDOUT", files, null);
    const file = path.join(dir, files[0]!.storedName);
    const old = new Date(Date.now() - 400 * 86_400_000);
    fs.utimesSync(file, old, old);
    await purgeFiles(180);
    expect(fs.existsSync(file)).toBe(true);
  });

  it("stores checked PDF/DOCX files as materials with one audit row; a renamed file is refused", async () => {
    const { actor, event } = await setup();
    const files = stored([
      { name: "讲义.pdf", bytes: realPdf() },
      { name: "案例.docx", bytes: realDocx() },
    ]);
    const r = await addMaterials(actor, event, "HANDOUT", files, null);
    expect(r).toEqual({ ok: true, added: 2 });
    const list = await listMaterials(event.id);
    expect(list.map((m) => [m.originalName, m.format, m.kind])).toEqual([
      ["讲义.pdf", "pdf", "HANDOUT"],
      ["案例.docx", "docx", "HANDOUT"],
    ]);
    const log = await db()
      .selectFrom("AuditLog")
      .select(["detail"])
      .where("action", "=", "EVENT_MATERIAL_UPLOAD")
      .where("objectId", "=", String(event.id))
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.detail).toContain(files[0]!.sha256);
    const renamed = checkAndStore([
      { name: "讲义.pdf", bytes: Buffer.from("MZ\x90\x00 not a pdf") },
    ]);
    expect(renamed).toMatchObject({ ok: false, status: 400 });
  });

  it(`keeps at most ${MAX_MATERIALS} materials per event and removes the refused files from disk`, async () => {
    const { actor, event } = await setup();
    const many = Array.from({ length: MAX_MATERIALS }, (_, i) => ({
      name: `第${i}讲.pdf`,
      bytes: realPdf(),
    }));
    expect((await addMaterials(actor, event, "OTHER", stored(many), null)).ok).toBe(true);
    const before = onDisk();
    const extra = stored([{ name: "多余.pdf", bytes: realPdf() }]);
    expect(onDisk()).toBe(before + 1);
    const r = await addMaterials(actor, event, "OTHER", extra, null);
    expect(r).toMatchObject({ ok: false, status: 409 });
    expect(!r.ok && r.message).toContain(`最多 ${MAX_MATERIALS} 份`);
    expect(onDisk()).toBe(before);
    expect(await listMaterials(event.id)).toHaveLength(MAX_MATERIALS);
  });

  it("lets the audience and the organiser download, not an outsider, another unit's manager or another event's id", async () => {
    const { actor, event, person, unit, other } = await setup();
    await addMaterials(
      actor,
      event,
      "CASE",
      stored([{ name: "案例.pdf", bytes: realPdf() }]),
      null,
    );
    const [m] = await listMaterials(event.id);
    const member = await person(unit.id);
    const outsider = await person(other.id);
    expect((await materialForAttendee(member, event.id, m!.id))?.id).toBe(m!.id);
    expect(await materialForAttendee(outsider, event.id, m!.id)).toBeUndefined();
    expect((await materialForOrganiser(actor, event.id, m!.id))?.id).toBe(m!.id);
    const otherManager = { role: "MANAGER", orgUnitPath: other.path };
    expect(await materialForOrganiser(otherManager, event.id, m!.id)).toBeUndefined();
    const second = await setup();
    expect(await materialForAttendee(member, second.event.id, m!.id)).toBeUndefined();
    await auditMaterialDownload(
      member,
      "10.0.0.1",
      await materialForAttendee(member, event.id, m!.id),
      String(m!.id),
    );
    await auditMaterialDownload(outsider, "10.0.0.2", undefined, String(m!.id));
    const rows = await db()
      .selectFrom("AuditLog")
      .select(["actorId", "result"])
      .where("action", "=", "FILE_DOWNLOAD")
      .where("objectType", "=", "eventMaterial")
      .where("objectId", "=", String(m!.id))
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { actorId: member.id, result: "SUCCESS" },
      { actorId: outsider.id, result: "DENIED" },
    ]);
  });

  it("deletes a material (row, file, audit row) once; a second delete or another event's id is a 404", async () => {
    const { actor, event } = await setup();
    const files = stored([{ name: "讲义.pdf", bytes: realPdf() }]);
    await addMaterials(actor, event, "HANDOUT", files, null);
    const [m] = await listMaterials(event.id);
    const second = await setup();
    expect(await deleteMaterial(actor, second.event, m!.id, null)).toMatchObject({ status: 404 });
    expect(fs.existsSync(path.join(dir, files[0]!.storedName))).toBe(true);
    expect(await deleteMaterial(actor, event, m!.id, null)).toEqual({ ok: true, name: "讲义.pdf" });
    expect(fs.existsSync(path.join(dir, files[0]!.storedName))).toBe(false);
    expect(await listMaterials(event.id)).toHaveLength(0);
    expect(await deleteMaterial(actor, event, m!.id, null)).toMatchObject({ status: 404 });
    const audits = await db()
      .selectFrom("AuditLog")
      .select("id")
      .where("action", "=", "EVENT_MATERIAL_DELETE")
      .where("objectId", "=", String(m!.id))
      .execute();
    expect(audits).toHaveLength(1);
  });
});

const csv = (text: string) => Buffer.from(text, "utf8");

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("签到表");
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("attendance-sheet import (issue 20)", () => {
  it("sorts each row: matched, unknown 工号, outside the audience, already present, name mismatch, repeated and empty 工号", async () => {
    const { actor, event, person, unit, other, start } = await setup();
    const a = await person(unit.id, "李明");
    const b = await person(unit.id, "王芳");
    const present = await person(unit.id, "赵强");
    const outsider = await person(other.id, "周杰");
    const mismatch = await person(unit.id, "陈静");
    await importAttendance(actor, event, [present.id], "0".repeat(64), null, new Date(start));
    const sheet = csv(
      [
        "讲座签到表",
        "工号,姓名,签名",
        `${a.username},李明,`,
        `${b.username},,`,
        "NOBODY9,张三,",
        `${present.username},赵强,`,
        `${outsider.username},周杰,`,
        `${mismatch.username},陈晶,`,
        `${a.username},李明,`,
        ",无工号,",
        "=1+2,公式,",
      ].join("\r\n"),
    );
    const p = await previewAttendanceSheet(event, sheet);
    if (!p.ok) throw new Error(p.message);
    expect(p.rows).toBe(9);
    expect(p.matched.map((m) => [m.line, m.userId])).toEqual([
      [3, a.id],
      [4, b.id],
    ]);
    expect(p.unknown.map((m) => m.line)).toEqual([5]);
    expect(p.already.map((m) => m.line)).toEqual([6]);
    expect(p.outside.map((m) => m.line)).toEqual([7]);
    expect(p.problems.map((m) => [m.line, m.message])).toEqual([
      [8, "姓名与工号不符（系统中为“陈静”）"],
      [9, "与第 3 行工号重复"],
      [10, "工号为空"],
      [11, "工号格式不正确"],
    ]);
    // The preview wrote nothing.
    const rows = await db()
      .selectFrom("EventAttendance")
      .select("userId")
      .where("eventId", "=", event.id)
      .execute();
    expect(rows.map((r) => r.userId)).toEqual([present.id]);
  });

  it("reads an XLSX sheet and refuses a sheet without a 工号 column, in Chinese", async () => {
    const { event, person, unit } = await setup();
    const a = await person(unit.id, "李明");
    const book = await xlsx([
      ["工号", "姓名"],
      [a.username, "李明"],
      [20260001, ""],
    ]);
    const p = await previewAttendanceSheet(event, book);
    expect(p.ok && p.format).toBe("XLSX");
    expect(p.ok && p.matched.map((m) => m.userId)).toEqual([a.id]);
    expect(p.ok && p.unknown.map((m) => [m.line, m.username])).toEqual([[3, "20260001"]]);
    const none = await previewAttendanceSheet(event, csv("姓名,单位\r\n李明,x\r\n"));
    expect(none).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringContaining("工号"),
    });
    expect(await previewAttendanceSheet(event, Buffer.alloc(0))).toMatchObject({ ok: false });
  });

  it("confirm marks the matched people present with the event's 学时 in CreditLedger, audited with a count; the same sheet twice adds nobody twice", async () => {
    const { actor, event, person, unit, start } = await setup();
    const a = await person(unit.id, "李明");
    const b = await person(unit.id, "王芳");
    const at = new Date(start + HOUR);
    const first = await importAttendance(actor, event, [a.id, b.id], "a".repeat(64), null, at);
    expect(first).toEqual({ ok: true, added: 2, already: 0, refused: 0 });
    const again = await importAttendance(actor, event, [a.id, b.id], "a".repeat(64), null, at);
    expect(again).toEqual({ ok: true, added: 0, already: 2, refused: 0 });
    const ledger = await db()
      .selectFrom("CreditLedger")
      .select(["userId", "creditHours", "kind", "sourceId"])
      .where("userId", "in", [a.id, b.id])
      .orderBy("userId")
      .execute();
    expect(
      ledger.map((l) => [l.userId, Number(l.creditHours), l.kind, Number(l.sourceId)]),
    ).toEqual([
      [a.id, 1.5, "LECTURE", event.id],
      [b.id, 1.5, "LECTURE", event.id],
    ]);
    const att = await db()
      .selectFrom("EventAttendance")
      .select(["method", "recordedById"])
      .where("eventId", "=", event.id)
      .execute();
    expect(att.every((r) => r.method === "IMPORT" && r.recordedById === actor.id)).toBe(true);
    const audits = await db()
      .selectFrom("AuditLog")
      .select("detail")
      .where("action", "=", "EVENT_ATTENDANCE_IMPORT")
      .where("objectId", "=", String(event.id))
      .orderBy("id")
      .execute();
    expect(audits.map((r) => JSON.parse(r.detail!).added)).toEqual([2, 0]);
  });

  it("two simultaneous confirmations of the same sheet credit each person once", async () => {
    const { actor, event, person, unit, start } = await setup();
    const people = await Promise.all(Array.from({ length: 5 }, () => person(unit.id)));
    const ids = people.map((p) => p.id);
    const at = new Date(start);
    const results = await Promise.all([
      importAttendance(actor, event, ids, "b".repeat(64), null, at),
      importAttendance(actor, event, ids, "b".repeat(64), null, at),
    ]);
    const added = results.map((r) => (r.ok ? r.added : -1)).sort();
    expect(added).toEqual([0, 5]);
    const n = await db()
      .selectFrom("CreditLedger")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("userId", "in", ids)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });

  it("a forged confirmation marks nobody outside the audience, no disabled or non-staff account; nothing before check-in opens", async () => {
    const { actor, event, person, unit, other, start } = await setup();
    const outsider = await person(other.id);
    const disabled = await makeUser({ orgUnitId: unit.id, disabled: true });
    const enterprise = await makeUser({ role: "ENTERPRISE", orgUnitId: unit.id });
    const member = await person(unit.id);
    const early = await importAttendance(actor, event, [member.id], "c".repeat(64), null);
    expect(early).toMatchObject({
      ok: false,
      status: 409,
      message: "签到尚未开始，不能导入签到表",
    });
    const r = await importAttendance(
      actor,
      event,
      [outsider.id, disabled.id, enterprise.id, member.id],
      "c".repeat(64),
      null,
      new Date(start),
    );
    expect(r).toEqual({ ok: true, added: 1, already: 0, refused: 3 });
    // A person outside the target units who signed up is in the audience (as for sign-up).
    const open = await setup();
    const guest = await open.person(open.other.id);
    expect((await signUp(guest, open.event.id, null)).ok).toBe(true);
    const p = await previewAttendanceSheet(open.event, csv(`工号\n${guest.username}\n`));
    expect(p.ok && p.matched.map((m) => m.userId)).toEqual([guest.id]);
  });

  it("matches the people of sub-units for an event addressed to a unit with its sub-units, not for the unit alone", async () => {
    const withSub = await setup({ includeSubunits: "on" });
    const child = await makeUnit("下级科室", withSub.unit);
    const staffer = await makeUser({ orgUnitId: child.id });
    const sheet = csv(`工号\n${staffer.username}\n`);
    const p = await previewAttendanceSheet(withSub.event, sheet);
    expect(p.ok && p.matched.map((m) => m.userId)).toEqual([staffer.id]);
    const unitOnly = await setup();
    const child2 = await makeUnit("下级科室", unitOnly.unit);
    const staffer2 = await makeUser({ orgUnitId: child2.id });
    const p2 = await previewAttendanceSheet(unitOnly.event, csv(`工号\n${staffer2.username}\n`));
    expect(p2.ok && p2.outside.map((m) => m.line)).toEqual([2]);
  });
});
