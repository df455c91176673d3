import { describe, expect, it } from "vitest";
import type { MyAssignment } from "#app/modules/assignments/my-assignments.server.ts";
import { assignedView, certificateView, examView } from "./my-learning-view.ts";

const due = new Date("2026-03-31T15:59:59.999Z"); // 2026-03-31 23:59:59.999 in Beijing
const task = (over: Partial<MyAssignment> = {}): MyAssignment => ({
  assignmentId: 7,
  title: "第一季度学习任务",
  dueAt: due,
  courseId: 3,
  slug: "constitution",
  courseTitle: "《宪法》精讲",
  startedAt: null,
  completedAt: null,
  ...over,
});

describe("我的学习 view: only what the page renders", () => {
  it("gives a 必修 task its due day (Beijing) and state: done before overdue before begun", () => {
    const before = due.getTime() - 1;
    const after = due.getTime() + 1;
    const at = new Date("2026-03-01T00:00:00Z");
    expect(assignedView(task(), before)).toEqual({
      slug: "constitution",
      courseTitle: "《宪法》精讲",
      title: "第一季度学习任务",
      dueDay: "2026-03-31",
      state: "new",
    });
    expect(assignedView(task({ startedAt: at }), before).state).toBe("started");
    expect(assignedView(task({ startedAt: at }), after).state).toBe("overdue");
    expect(assignedView(task(), after).state).toBe("overdue");
    expect(assignedView(task({ startedAt: at, completedAt: at }), after).state).toBe("done");
  });

  it("writes a certificate's line as the list shows it (Beijing time, 学时, score)", () => {
    const view = certificateView({
      certificateNo: "FZXT-2026-ABCDEFGH",
      completedAt: new Date("2026-11-10T21:17:23.603Z"),
      creditHours: 3,
      score: 90,
      course: { title: "民法典合同编" },
    });
    expect(view).toEqual({
      certificateNo: "FZXT-2026-ABCDEFGH",
      title: "民法典合同编",
      line: "2026-11-11 05:17:23 · 3 学时 · 90 分",
    });
  });

  it("sends whether the exam was tried instead of the attempts", () => {
    const base = { year: 2026, passed: false, best: null, remaining: 3 };
    expect(examView({ ...base, attempts: [] })).toEqual({ ...base, tried: false });
    expect(examView({ ...base, attempts: [{ id: 1 }], remaining: 2 })).toEqual({
      ...base,
      remaining: 2,
      tried: true,
    });
  });
});
