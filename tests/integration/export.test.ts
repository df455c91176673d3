import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import {
  csvStream,
  neutralise,
  peopleRows,
  xlsxStream,
} from "#app/modules/assignments/export.server.ts";
import { personRowsStream, unitRollup } from "#app/modules/assignments/rollup.server.ts";
import { remindBehind } from "#app/modules/assignments/remind.server.ts";
import { markCourseCompleted } from "#app/modules/learning/course-status.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { makeUnit, makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const EVIL = [
  '=HYPERLINK("http://x")',
  "+1",
  "-2",
  "@SUM(A1)",
  "\tx",
  "\rx",
  "普通文本",
  'a "quoted", value',
];
const table = () => ({ headers: ["列", "值"], rows: EVIL.map((v, i) => [v, i]) });

const bytes = async (stream: ReadableStream<Uint8Array>) =>
  Buffer.from(await new Response(stream).arrayBuffer());
import {
  adminBookingRows,
  adminBookings,
  expertOptions,
} from "#app/modules/booking/admin.server.ts";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { AdminBookingFilterSchema } from "#app/modules/booking/schemas.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";

describe("exports", () => {
  it("neutralises cells that start with = + - @ tab or CR", () => {
    expect(EVIL.map((v) => neutralise(v))).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "普通文本",
      'a "quoted", value',
    ]);
    expect(neutralise(-5)).toBe(-5);
  });

  it("writes CSV as UTF-8 with a BOM and RFC 4180 quoting, read back intact", async () => {
    const buf = await bytes(csvStream(table()));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buf.subarray(3).toString("utf8"), {
      relax_column_count: false,
    }) as string[][];
    expect(rows[0]).toEqual(["列", "值"]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(EVIL.map((v) => String(neutralise(v))));
    expect(buf.toString("utf8")).toContain("\r\n");
  });

  it("writes XLSX that reads back with the same neutralised cells", async () => {
    const buf = await bytes(xlsxStream(table(), "明细"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("明细");
    const values = EVIL.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
    // XML turns a lone CR into LF; the apostrophe that neutralises the cell is what matters.
    expect(values).toEqual(EVIL.map((v) => String(neutralise(v)).replace(/\r/g, "\n")));
    expect(sheet.getRow(2).getCell(2).value).toBe(0);
  });

  it("streams a 50,000-row CSV", async () => {
    function* rows() {
      for (let i = 0; i < 50_000; i++) yield [`S${i}`, i];
    }
    const started = Date.now();
    const buf = await bytes(csvStream({ headers: ["工号", "序号"], rows: rows() }));
    expect(buf.toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(50_001);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("a person-list export", () => {
  it("leaves the shared connection usable while it streams, and closes its own when the client goes away", async () => {
    const courseId = (await syncFixtureCourse()).id;
    const city = await makeUnit("导出市", null, "CITY");
    for (let i = 0; i < 40; i++) await makeUser({ orgUnitId: city.id });
    const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
    const r = await createAssignment(admin, null, {
      title: "导出测试",
      note: "",
      dueDate: "2099-01-01",
      courseId: [courseId],
      unitCodes: [city.code],
      includeSubunits: "on",
      usernames: [],
    });
    if (!r.ok) throw new Error("not created");
    const source = personRowsStream([r.id], city);
    const reader = csvStream({ headers: ["工号"], rows: peopleRows(source) }).getReader();
    await reader.read(); // the export is under way: its row iterator is open
    // Other requests keep reading on the shared connection meanwhile (they would fail with
    // "connection is busy" if the export iterated on it).
    expect((await unitRollup([r.id], city)).total.assigned).toBe(40);
    await reader.cancel(); // the client goes away
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await source.next()).done).toBe(true); // the generator was closed, and with it its connection
  });
});

describe("reminders", () => {
  let courseId: number;
  beforeAll(async () => {
    courseId = (await syncFixtureCourse()).id;
  });

  it("reach exactly the staff who are behind, in the sender's subtree", async () => {
    const city = await makeUnit("市", null, "CITY");
    const a = await makeUnit("甲", city, "DISTRICT");
    const b = await makeUnit("乙", city, "DISTRICT");
    const done = await makeUser({ orgUnitId: a.id });
    const behind = await makeUser({ orgUnitId: a.id });
    const other = await makeUser({ orgUnitId: b.id });
    const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
    const r = await createAssignment(admin, null, {
      title: "提醒测试",
      note: "",
      dueDate: "2099-01-01",
      courseId: [courseId],
      unitCodes: [city.code],
      includeSubunits: "on",
      usernames: [],
    });
    if (!r.ok) throw new Error("not created");
    await write((tx) => markCourseCompleted(tx, done.id, courseId, new Date()));
    const assignment = await db()
      .selectFrom("Assignment")
      .where("id", "=", r.id)
      .select(["id", "title", "dueAt"])
      .executeTakeFirstOrThrow();
    const sent = await remindBehind({ id: 1, username: "manager" }, null, assignment, a.path);
    expect(sent.reminded).toBe(1);
    const got = await db()
      .selectFrom("Notification")
      .where("kind", "=", "ASSIGNMENT_REMINDER")
      .where("userId", "in", [done.id, behind.id, other.id])
      .select("userId")
      .execute();
    expect(got.map((n) => n.userId)).toEqual([behind.id]);
  });
});

describe("the admin booking export (issue 11 item 8)", () => {
  it("a held-open booking export stream does not break the booking overview on the shared connection", async () => {
    const e = await makeEnterprise();
    const { expertId } = await makeExpert();
    for (let h = 9; h < 12; h++) {
      const made = await createBooking(
        e.user,
        e.enterpriseId,
        details(expertId, slotAt(3, h)),
        [],
        null,
      );
      expect(made.ok).toBe(true);
    }
    const filter = AdminBookingFilterSchema.parse({});
    const stream = adminBookingRows(filter);
    const first = await stream.next(); // a slow client: the export stays open here
    expect(first.value?.startAt).toBeInstanceOf(Date);
    // The overview reads on the shared connection meanwhile: before, "This database connection
    // is busy executing a query".
    expect((await adminBookings(filter)).total).toBeGreaterThanOrEqual(3);
    expect((await expertOptions()).length).toBeGreaterThan(0);
    let rest = 0;
    for await (const _ of stream) rest++;
    expect(rest).toBeGreaterThanOrEqual(2);
  });
});
