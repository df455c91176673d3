import { beforeAll, describe, expect, it } from "vitest";
import {
  createAssignment,
  getVisibleAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { remindBehind } from "#app/modules/assignments/remind.server.ts";
import {
  behindCount,
  peopleBehind,
  personList,
  personRowsStream,
  unitRollup,
} from "#app/modules/assignments/rollup.server.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
const NOW = new Date("2026-06-01T12:00:00+08:00");
let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

/** An assignment the ADMIN gives to named people of two sibling subtrees and to both units. */
async function world() {
  const city = await makeUnit("市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲区一街道", a, "TOWNSHIP");
  const b = await makeUnit("乙局", city, "DEPARTMENT");
  const inA = await makeUser({ orgUnitId: a1.id });
  const inB = await makeUser({ orgUnitId: b.id });
  const r = await createAssignment(
    admin,
    null,
    {
      title: "跨单位点名任务",
      note: "",
      dueDate: "2026-06-30",
      courseId: [courseId],
      unitCodes: [a1.code, b.code],
      usernames: [inA.username, inB.username],
    },
    new Date("2026-05-01T00:00:00+08:00"),
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  const manager = { id: inA.id, username: "m", role: "MANAGER", orgUnitPath: a.path };
  return { a, a1, b, inA, inB, id: r.id, manager };
}

describe("a manager sees only his subtree of an assignment that spans several", () => {
  it("lists only the targets (units and named people) inside the manager's subtree; ADMIN sees all", async () => {
    const w = await world();
    const mine = await getVisibleAssignment(w.manager, w.id);
    expect(mine?.targets.map((t) => t.user?.username ?? t.orgUnit?.code)).toEqual([
      w.a1.code,
      w.inA.username,
    ]);
    const all = await getVisibleAssignment(admin, w.id);
    expect(all?.targets).toHaveLength(4);
  });

  it("limits every count, list, export and reminder to the manager's subtree", async () => {
    const w = await world();
    const ids = [w.id];
    expect((await unitRollup(ids, w.a, NOW)).total.assigned).toBe(1);
    expect(await behindCount(w.id, w.a.id)).toBe(1);
    expect(await peopleBehind(w.id, w.a.path)).toEqual([w.inA.id]);
    expect(await peopleBehind(w.id, w.a.path)).toEqual([w.inA.id]);
    const people = await personList(ids, w.a, {
      status: "",
      page: 1,
      pageSize: 50,
      now: NOW,
      subtree: true,
    });
    expect(people.rows.map((p) => p.username)).toEqual([w.inA.username]);
    const exported: string[] = [];
    for await (const p of personRowsStream(ids, w.a, NOW)) exported.push(p.username);
    expect(exported).toEqual([w.inA.username]);
    const assignment = (await getVisibleAssignment(w.manager, w.id))!;
    const r = await remindBehind(w.manager, null, assignment, w.a.path, NOW);
    expect(r.reminded).toBe(1);
    // inB has the notice of the new assignment (issue 17), not the manager's reminder.
    expect(
      await countRows("Notification", (q) =>
        q.where("userId", "=", w.inB.id).where("kind", "=", "ASSIGNMENT_REMINDER"),
      ),
    ).toBe(0);
  });
});
