// Decision 0019: people who join a unit an active assignment covers later (created, imported,
// moved alone or in bulk, with their unit, or enabled) get the same "new task" notice as at
// creation, once per assignment: a person moved out and back gets none the second time.
// Runs on SQLite and (TEST_DB=pg) on PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import {
  createAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { noticeNewlyCovered } from "#app/modules/assignments/notice.server.ts";
import { moveUnit } from "#app/modules/org/org.server.ts";
import { commitRoster } from "#app/modules/roster/import.server.ts";
import type { ValidRow } from "#app/modules/roster/validate.server.ts";
import { applyBulk } from "#app/modules/users/bulk.server.ts";
import { createUser, setUserDisabled, updateUser } from "#app/modules/users/users.server.ts";
import { countRows, makeUnit, makeUser, unique } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const admin = { id: 999998, username: "admin-notice", role: "ADMIN", orgUnitPath: null };
let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

// Due dates ahead of the machine's clock: the write paths use the real time.
const DUE = `${new Date().getFullYear() + 1}-06-30`;

async function assign(title: string, target: { unitId?: number[]; subtreeId?: number[] }) {
  const r = await createAssignment(admin, null, {
    title,
    note: "",
    dueDate: DUE,
    courseId: [courseId],
    unitCodes: [],
    usernames: [],
    ...target,
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id;
}

const notices = (userId: number) =>
  db()
    .selectFrom("Notification")
    .select(["title", "body", "link"])
    .where("userId", "=", userId)
    .where("kind", "=", "ASSIGNMENT")
    .orderBy("id")
    .execute();

/** A district covered with its subtree, an uncovered one, and a unit nobody covers. */
async function world() {
  const city = await makeUnit("市", null, "CITY");
  const covered = await makeUnit("甲区", city, "DISTRICT");
  const below = await makeUnit("甲区一街道", covered, "TOWNSHIP");
  const other = await makeUnit("乙区", city, "DISTRICT");
  const title = unique("普法任务");
  const id = await assign(title, { subtreeId: [covered.id] });
  return { city, covered, below, other, title, id };
}

describe("the notice reaches people who join a covered unit later (decision 0019)", () => {
  it("a person created in a covered unit gets the creation's notice, word for word", async () => {
    const w = await world();
    const early = await makeUser({ orgUnitId: w.covered.id });
    // A second assignment, created while `early` was there: her notice is the model.
    const title = unique("对照任务");
    await assign(title, { subtreeId: [w.covered.id] });
    const model = (await notices(early.id)).find((n) => n.title.includes(title))!;
    const r = await createUser(admin, null, {
      username: unique("n"),
      name: "新同事",
      role: "STAFF",
      orgUnitCode: w.below.code,
      mobile: "",
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const got = await notices(r.id);
    expect(got.map((n) => n.title).sort()).toEqual(
      [`新的学习任务：${w.title}`, `新的学习任务：${title}`].sort(),
    );
    expect(got.find((n) => n.title.includes(title))).toEqual(model);
    expect(model.body).toBe(`您有新的必修学习任务“${title}”，请在 ${DUE}（北京时间）前完成。`);
    // In an uncovered unit: none.
    const elsewhere = await createUser(admin, null, {
      username: unique("n"),
      name: "别处",
      role: "STAFF",
      orgUnitCode: (await db()
        .selectFrom("OrgUnit")
        .select("code")
        .where("id", "=", w.other.id)
        .executeTakeFirstOrThrow())!.code,
      mobile: "",
    });
    expect(elsewhere.ok && (await notices(elsewhere.id)).length).toBe(0);
  });

  it("an import of 2,000 people (half of them into a covered unit): a notice each, in the same write", async () => {
    const w = await world();
    const rows: ValidRow[] = Array.from({ length: 2000 }, (_, i) => ({
      line: i + 2,
      username: unique(`imp${i}_`),
      name: `导入${i}`,
      mobile: null,
      role: "STAFF",
      orgUnitId: i % 2 ? w.covered.id : w.other.id,
      unitLabel: "",
    }));
    const r = await commitRoster(admin, null, rows, { hash: async () => "not-a-real-hash" });
    expect(r.ok).toBe(true);
    const ids = await db()
      .selectFrom("User")
      .select(["id", "orgUnitId"])
      .where(
        "username",
        "in",
        rows.map((x) => x.username),
      )
      .execute();
    const got = await countRows("Notification", (q) =>
      q
        .where(
          "userId",
          "in",
          ids.map((u) => u.id),
        )
        .where("title", "=", `新的学习任务：${w.title}`),
    );
    expect(got).toBe(1000);
    expect(await countRows("AssignmentNotice", (q) => q.where("assignmentId", "=", w.id))).toBe(
      1000,
    );
  });

  it("moved in (alone or in bulk) gets it; moved out and back gets none the second time", async () => {
    const w = await world();
    const alone = await makeUser({ orgUnitId: w.other.id });
    const a = await makeUser({ orgUnitId: w.other.id });
    const b = await makeUser({ orgUnitId: w.other.id });
    expect(await notices(alone.id)).toHaveLength(0);
    const code = async (id: number) =>
      (
        await db()
          .selectFrom("OrgUnit")
          .select("code")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).code;
    const move = (id: number, unit: number) =>
      code(unit).then((c) =>
        updateUser(admin, null, id, {
          name: "测试用户",
          role: "STAFF",
          orgUnitCode: c,
          mobile: "",
        }),
      );
    expect((await move(alone.id, w.below.id)).ok).toBe(true);
    expect(await notices(alone.id)).toHaveLength(1);
    expect((await move(alone.id, w.other.id)).ok).toBe(true);
    expect((await move(alone.id, w.covered.id)).ok).toBe(true);
    expect(await notices(alone.id)).toHaveLength(1);

    const bulk = (unit: number) =>
      code(unit).then((c) => applyBulk(admin, null, "move", [a.id, b.id], c));
    expect((await bulk(w.covered.id)).ok).toBe(true);
    expect((await notices(a.id)).map((n) => n.title)).toEqual([`新的学习任务：${w.title}`]);
    expect(await notices(b.id)).toHaveLength(1);
    await bulk(w.other.id);
    await bulk(w.below.id);
    expect(await notices(a.id)).toHaveLength(1);
    expect(await notices(b.id)).toHaveLength(1);
  });

  it("a unit moved under a covered one brings its people (and its sub-units') the notice", async () => {
    const w = await world();
    const team = await makeUnit("乙区某局", w.other, "DEPARTMENT");
    const sub = await makeUnit("乙区某局一科", team, "DEPARTMENT");
    const p = await makeUser({ orgUnitId: team.id });
    const q = await makeUser({ orgUnitId: sub.id });
    expect((await moveUnit(admin, null, team.id, w.covered.code)).ok).toBe(true);
    expect(await notices(p.id)).toHaveLength(1);
    expect(await notices(q.id)).toHaveLength(1);
    // Back and in again: nothing new.
    await moveUnit(admin, null, team.id, w.other.code);
    await moveUnit(admin, null, team.id, w.below.code);
    expect(await notices(p.id)).toHaveLength(1);
    expect(await notices(q.id)).toHaveLength(1);
  });

  it("enabled in a covered unit: the notice once; disabled and enabled again: none", async () => {
    const w = await world();
    const off = await makeUser({ orgUnitId: w.covered.id, disabled: true });
    const bulkOff = await makeUser({ orgUnitId: w.covered.id, disabled: true });
    expect(await notices(off.id)).toHaveLength(0);
    expect((await setUserDisabled(admin, null, off.id, false)).ok).toBe(true);
    expect(await notices(off.id)).toHaveLength(1);
    await setUserDisabled(admin, null, off.id, true);
    await setUserDisabled(admin, null, off.id, false);
    expect(await notices(off.id)).toHaveLength(1);
    expect((await applyBulk(admin, null, "enable", [bulkOff.id], "")).ok).toBe(true);
    expect(await notices(bulkOff.id)).toHaveLength(1);
  });

  it("a withdrawn or past-due assignment sends nothing to a newcomer", async () => {
    const w = await world();
    await withdrawAssignment(admin, null, w.id);
    const late = await makeUser({ orgUnitId: w.other.id });
    // Past due: its due time moved to a day ago.
    const past = await assign(unique("过期任务"), { subtreeId: [w.other.id] });
    await write((tx) =>
      tx
        .updateTable("Assignment")
        .set({ dueAt: new Date(Date.now() - 86_400_000) })
        .where("id", "=", past)
        .execute(),
    );
    const n = await write((tx) => noticeNewlyCovered(tx, { userIds: [late.id] }));
    expect(n).toBe(0);
    const moved = await makeUser({ orgUnitId: w.other.id });
    await updateUser(admin, null, moved.id, {
      name: "测试用户",
      role: "STAFF",
      orgUnitCode: w.covered.code,
      mobile: "",
    });
    expect(await notices(moved.id)).toHaveLength(0);
  });

  it("two writes racing for the same newcomer send one notice (the key decides)", async () => {
    const w = await world();
    const p = await makeUser({ orgUnitId: w.covered.id, disabled: true });
    await write((tx) =>
      tx.updateTable("User").set({ disabled: false }).where("id", "=", p.id).execute(),
    );
    const sent = await Promise.all(
      Array.from({ length: 5 }, () => write((tx) => noticeNewlyCovered(tx, { userIds: [p.id] }))),
    );
    expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await notices(p.id)).toHaveLength(1);
  });
});
