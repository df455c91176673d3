import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { write } from "#app/data/db.server.ts";
import { annualPage, AnnualQuerySchema } from "#app/modules/annual/page.server.ts";
import { annualPeopleTable, annualUnitTable } from "#app/modules/annual/export.server.ts";
import { createAssignment } from "#app/modules/assignments/assignments.server.ts";
import { xlsxStream } from "#app/modules/assignments/export.server.ts";
import { personRecord } from "#app/modules/assignments/person.server.ts";
import { completeIfEarned } from "#app/modules/learning/completion.server.ts";
import { markCourseCompleted } from "#app/modules/learning/course-status.server.ts";
import { setAnnualCreditHours } from "#app/modules/learning/settings.server.ts";
import { makeUnit, makeUser, requestWithCookie, unique } from "./helpers.ts";
import { sessionCookieOf } from "./session-helpers.ts";

// 年度学法统计 (issue 17): figures per unit and per person against a hand count, the scope of a
// manager, the 未达标 filter, the Beijing-time year boundary and the export's layout.

const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
const NOW = new Date("2026-06-01T12:00:00+08:00");
const REQUIRED = 10;
const query = (extra: Record<string, string> = {}) => AnnualQuerySchema.parse(extra);

let courses: number[] = [];
async function makeCourses(n: number) {
  return write(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const slug = unique("annual-c");
      const row = await tx
        .insertInto("Course")
        .values({
          slug,
          title: `统计课程${i}`,
          category: "综合",
          summary: "",
          audience: "STAFF",
          creditHours: 1,
          passMark: 60,
          questionsPerAttempt: 1,
          timeLimitMinutes: 10,
          attemptLimit: 3,
          version: "v1",
          active: true,
          updatedAt: NOW,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  });
}

/** @hours of credit for @userId in @year, one Completion (a course) per call. */
let certificate = 0;
async function credit(userId: number, year: number, hours: number, course: number) {
  certificate++;
  const at = new Date(`${year}-05-01T12:00:00+08:00`);
  await write((tx) => markCourseCompleted(tx, userId, course, at));
  await write((tx) =>
    tx
      .insertInto("Completion")
      .values({
        userId,
        courseId: course,
        courseVersion: "v1",
        score: 90,
        creditHours: hours,
        completedAt: at,
        year,
        certificateNo: unique(`A${certificate}-`),
        verifyCode: "x",
      })
      .execute(),
  );
}
async function exam(userId: number, year: number, score: number | null) {
  await write((tx) =>
    tx
      .insertInto("ExamAttempt")
      .values({
        userId,
        year,
        draw: "[]",
        answers: "{}",
        passMark: 60,
        startedAt: NOW,
        deadline: NOW,
        submittedAt: score === null ? null : NOW,
        score,
        passed: score === null ? null : score >= 60,
      })
      .execute(),
  );
}

/**
 * The hand-counted fixture (requirement 10 学时):
 *   city
 *   ├─ 甲区: p1 12 h (passed 80), p2 9.5 h (failed 50, then passed 70), p3 0 h
 *   │   └─ 甲一街道: p4 10 h (exam begun, not handed in), p5 disabled with 20 h (not counted)
 *   └─ 乙局: p6 4 h + 6 h = 10 h (no exam), and 15 h in 2025 for p6 (another year)
 *   city's own staff: p7 0 h; a manager m in 甲区 (not staff: not counted)
 */
async function world() {
  const city = await makeUnit("统计市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲一街道", a, "TOWNSHIP");
  const b = await makeUnit("乙局", city, "DEPARTMENT");
  const p = await Promise.all([
    makeUser({ orgUnitId: a.id }),
    makeUser({ orgUnitId: a.id }),
    makeUser({ orgUnitId: a.id }),
    makeUser({ orgUnitId: a1.id }),
    makeUser({ orgUnitId: a1.id, disabled: true }),
    makeUser({ orgUnitId: b.id }),
    makeUser({ orgUnitId: city.id }),
  ]);
  const m = await makeUser({ orgUnitId: a.id, role: "MANAGER" });
  const [c0, c1, c2] = courses as [number, number, number];
  await credit(p[0]!.id, 2026, 12, c0);
  await credit(p[1]!.id, 2026, 9.5, c0);
  await credit(p[3]!.id, 2026, 10, c0);
  await credit(p[4]!.id, 2026, 20, c0);
  await credit(p[5]!.id, 2026, 4, c0);
  await credit(p[5]!.id, 2026, 6, c1);
  await credit(p[5]!.id, 2025, 15, c2);
  await credit(m.id, 2026, 30, c0);
  await exam(p[0]!.id, 2026, 80);
  await exam(p[1]!.id, 2026, 50);
  await exam(p[1]!.id, 2026, 70);
  await exam(p[3]!.id, 2026, null);
  await exam(p[5]!.id, 2025, 90);
  return { city, a, a1, b, p, m };
}

let w: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  courses = await makeCourses(3);
  await setAnnualCreditHours(admin, null, REQUIRED);
  w = await world();
});

const unitOf = (u: { id: number; path: string }, name: string, parentId: number | null) => ({
  ...u,
  name,
  parentId,
});

describe("年度学法统计 per unit", () => {
  it("a unit's 学时达标率, 考试参考率 and 合格率 equal the hand count, rolled up the tree", async () => {
    const d = await annualPage(
      unitOf(w.city, "统计市", null),
      query({ year: "2026", sort: "order" }),
      NOW,
    );
    // Staff: p1–p4, p6, p7 (p5 disabled, m a manager). Met 10 h: p1, p4, p6. Sat: p1, p2. Passed: p1, p2.
    expect(d.total).toMatchObject({ staff: 6, met: 3, sat: 2, passed: 2 });
    expect(d.total).toMatchObject({ metRate: 50, satRate: 33.3, passRate: 33.3 });
    const rows = Object.fromEntries(d.units.rows.map((r) => [r.name, r]));
    expect(rows["本单位人员"]).toMatchObject({ staff: 1, met: 0, sat: 0, own: true });
    // 甲区 with its street: p1 p2 p3 p4 → met p1 p4, sat p1 p2 (p4 never handed in), passed p1 p2.
    expect(rows["甲区"]).toMatchObject({ staff: 4, met: 2, metRate: 50, sat: 2, passed: 2 });
    expect(rows["乙局"]).toMatchObject({ staff: 1, met: 1, metRate: 100, sat: 0, satRate: 0 });
    // Drill-down: 甲区's own staff and its street.
    const down = await annualPage(
      unitOf(w.a, "甲区", w.city.id),
      query({ year: "2026", sort: "order" }),
      NOW,
    );
    expect(down.units.rows.map((r) => [r.name, r.staff, r.met])).toEqual([
      ["本单位人员", 3, 1],
      ["甲一街道", 1, 1],
    ]);
  });

  it("ranks the units by 学时达标率, lowest first by default", async () => {
    const d = await annualPage(unitOf(w.city, "统计市", null), query({ year: "2026" }), NOW);
    expect(d.units.rows.map((r) => r.name)).toEqual(["本单位人员", "甲区", "乙局"]);
    const high = await annualPage(
      unitOf(w.city, "统计市", null),
      query({ year: "2026", sort: "high" }),
      NOW,
    );
    expect(high.units.rows.map((r) => r.name)).toEqual(["乙局", "甲区", "本单位人员"]);
  });

  it("counts another year's 学时 and exams only in that year", async () => {
    const d = await annualPage(unitOf(w.b, "乙局", w.city.id), query({ year: "2025" }), NOW);
    expect(d.total).toMatchObject({ staff: 1, met: 1, sat: 1, passed: 1 });
    expect(d.people.rows[0]).toMatchObject({ hours: 15, courses: 1, bestScore: 90 });
  });
});

describe("live figures", () => {
  it("kept sums change with the next completion, exam result or staff change (no nightly batch)", async () => {
    const unit = await makeUnit("实时单位", null, "CITY");
    const [x, y] = [await makeUser({ orgUnitId: unit.id }), await makeUser({ orgUnitId: unit.id })];
    const look = async () =>
      (await annualPage(unitOf(unit, "实时单位", null), query({ year: "2026" }), NOW)).total;
    expect(await look()).toMatchObject({ staff: 2, met: 0, sat: 0 });
    expect(await look()).toMatchObject({ staff: 2, met: 0, sat: 0 }); // kept
    await credit(x.id, 2026, 11, courses[0]!);
    expect(await look()).toMatchObject({ staff: 2, met: 1, sat: 0 });
    await exam(y.id, 2026, 75);
    expect(await look()).toMatchObject({ staff: 2, met: 1, sat: 1, passed: 1 });
    await write((tx) =>
      tx.updateTable("User").set({ disabled: true }).where("id", "=", y.id).execute(),
    );
    expect(await look()).toMatchObject({ staff: 1, met: 1, sat: 0, passed: 0 });
  });

  it("kept child rows and their ranking follow a unit's rename and new order (RollupVersion 2)", async () => {
    const unit = await makeUnit("排序市", null, "CITY");
    const [u1, u2] = [
      await makeUnit("一局", unit, "DEPARTMENT"),
      await makeUnit("二局", unit, "DEPARTMENT"),
    ];
    await makeUser({ orgUnitId: u1.id });
    const names = async (sort: string) =>
      (
        await annualPage(unitOf(unit, "排序市", null), query({ year: "2026", sort }), NOW)
      ).units.rows.map((r) => r.name);
    expect(await names("order")).toEqual(["一局", "二局"]);
    expect(await names("order")).toEqual(["一局", "二局"]); // kept
    await write((tx) =>
      tx
        .updateTable("OrgUnit")
        .set({ name: "一局（改）", sortOrder: 9 })
        .where("id", "=", u1.id)
        .execute(),
    );
    await write((tx) =>
      tx.updateTable("OrgUnit").set({ sortOrder: 1 }).where("id", "=", u2.id).execute(),
    );
    expect(await names("order")).toEqual(["二局", "一局（改）"]);
    // Ranked by 学时达标率: the unit without staff last, whatever the order.
    expect(await names("low")).toEqual(["一局（改）", "二局"]);
  });
});

describe("年度学法统计 per person", () => {
  it("shows 学时 against the requirement, courses, exam sat / passed and the best score", async () => {
    const d = await annualPage(unitOf(w.a, "甲区", w.city.id), query({ year: "2026" }), NOW);
    const byId = new Map(d.people.rows.map((r) => [r.userId, r]));
    expect(byId.get(w.p[0]!.id)).toMatchObject({
      hours: 12,
      met: true,
      courses: 1,
      examSat: true,
      examPassed: true,
      bestScore: 80,
    });
    expect(byId.get(w.p[1]!.id)).toMatchObject({
      hours: 9.5,
      met: false,
      examPassed: true,
      bestScore: 70,
    });
    expect(byId.get(w.p[3]!.id)).toMatchObject({
      hours: 10,
      met: true,
      examSat: false,
      bestScore: null,
    });
    expect(byId.has(w.p[4]!.id)).toBe(false); // disabled
    expect(byId.has(w.m.id)).toBe(false); // a manager is not counted as staff
  });

  it("the 未达标 filter lists exactly the people below the requirement", async () => {
    const d = await annualPage(
      unitOf(w.city, "统计市", null),
      query({ year: "2026", below: "1" }),
      NOW,
    );
    expect(d.people.count).toBe(3);
    expect(d.people.rows.map((r) => r.userId).sort()).toEqual(
      [w.p[1]!.id, w.p[2]!.id, w.p[6]!.id].sort(),
    );
    expect(d.people.rows.every((r) => !r.met)).toBe(true);
  });
});

describe("the person record", () => {
  it("lists assigned courses not yet started and this year's 学时 against the requirement", async () => {
    const [c0, , c2] = courses as [number, number, number];
    const r = await createAssignment(admin, null, {
      title: "档案测试任务",
      note: "",
      dueDate: "2026-12-31",
      courseId: [c0, c2],
      unitCodes: [],
      usernames: [w.p[1]!.username],
    });
    if (!r.ok) throw new Error("not created");
    const record = await personRecord(w.p[1]!.id, NOW);
    // c0 is completed (so started); c2 was never opened.
    expect(record?.notStarted.map((a) => [a.courseId, a.assignment, a.overdue])).toEqual([
      [c2, "档案测试任务", false],
    ]);
    expect(record?.year).toEqual({ year: 2026, hours: 9.5, required: REQUIRED });
  });
});

describe("the Beijing-time year", () => {
  it("a course completed at 00:30 on 1 January Beijing time counts in the new year, and the page defaults to it", async () => {
    const unit = await makeUnit("跨年单位", null, "CITY");
    const me = await makeUser({ orgUnitId: unit.id });
    const [course] = courses as [number];
    // 2025-12-31 16:30 UTC is 2026-01-01 00:30 in Beijing: the completion's year is 2026.
    const boundary = new Date("2025-12-31T16:30:00Z");
    await write(async (tx) => {
      await tx
        .insertInto("QuizAttempt")
        .values({
          userId: me.id,
          courseId: course,
          courseVersion: "v1",
          draw: "[]",
          answers: "{}",
          startedAt: boundary,
          deadline: boundary,
          submittedAt: boundary,
          score: 100,
          passed: true,
          practice: false,
        })
        .execute();
    });
    // The course has no lessons: reading is complete, the passed quiz earns the completion.
    expect(await write((tx) => completeIfEarned(tx, me, course, boundary, null))).toBe(true);
    const page = await annualPage(unitOf(unit, "跨年单位", null), query(), boundary);
    expect(page.year).toBe(2026);
    expect(page.people.rows[0]).toMatchObject({ userId: me.id, hours: 1, courses: 1 });
    const before = await annualPage(
      unitOf(unit, "跨年单位", null),
      query({ year: "2025" }),
      boundary,
    );
    expect(before.people.rows[0]).toMatchObject({ hours: 0, courses: 0 });
    // One second earlier (23:59:59 on 31 December in Beijing) the page's year is 2025.
    const late = await annualPage(
      unitOf(unit, "跨年单位", null),
      query(),
      new Date("2025-12-31T15:59:59Z"),
    );
    expect(late.year).toBe(2025);
  });
});

describe("scope", () => {
  it("a manager sees only his subtree: his own unit by default, 403 for a sibling unit", async () => {
    const { loader } = await import("#app/routes/manage+/annual.tsx");
    const cookie = await sessionCookieOf(w.m.id);
    const call = (qs: string) =>
      loader({
        request: requestWithCookie(cookie, `http://localhost/manage/annual?${qs}`),
        params: {},
        context: { cspNonce: "", requestId: "annual-test" },
      });
    const mine = await (await call("year=2026")).json();
    expect(mine.unit.id).toBe(w.a.id);
    expect(mine.total.staff).toBe(4);
    const child = await (await call(`year=2026&unit=${w.a1.id}`)).json();
    expect(child.total.staff).toBe(1);
    for (const other of [w.b.id, w.city.id]) {
      const denied = await call(`year=2026&unit=${other}`).catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(Response);
      expect((denied as Response).status).toBe(403);
    }
    const bad = await call("year=abc").catch((e: unknown) => e);
    expect((bad as Response).status).toBe(400);
    expect(await (bad as Response).text()).toMatch(/年度/);
  });
});

describe("the export", () => {
  const bytes = async (stream: ReadableStream<Uint8Array>) =>
    Buffer.from(await new Response(stream).arrayBuffer());

  it("XLSX has a title row naming the unit, year and date, column widths and a frozen header", async () => {
    const table = await annualUnitTable({ ...w.city, name: "统计市" }, 2026, REQUIRED, "low");
    const buf = await bytes(
      xlsxStream(table, "单位统计", {
        title: "统计市 2026 年度学法统计（单位统计），导出日期 2026-06-01",
        widths: [30, 8, 14, 14, 14, 14, 14, 12],
      }),
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(
      /统计市 2026 年度学法统计.*2026-06-01/,
    );
    expect(sheet.getRow(2).getCell(1).value).toBe("单位");
    expect(sheet.getColumn(1).width).toBe(30);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const values = sheet.getRow(3).values as unknown[];
    expect(values.slice(1, 4)).toEqual(["本单位人员", 1, 0]);
    const last = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(last.slice(1, 5)).toEqual(["统计市（合计）", 6, 3, 50]);
  });

  it("the people table lists the 未达标 people with their figures", async () => {
    const rows: unknown[][] = [];
    for await (const r of annualPeopleTable(w.city, 2026, REQUIRED, true).rows) rows.push(r);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r[5] === "未达标")).toBe(true);
  });
});
