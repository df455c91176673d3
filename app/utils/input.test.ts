import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AUDIT_ACTIONS } from "#app/modules/audit/actions.ts";
import { AuditFilterSchema } from "#app/modules/audit/schemas.ts";
import {
  CreateAssignmentSchema,
  ExtendAssignmentSchema,
} from "#app/modules/assignments/schemas.ts";
import { LeaveSchema, RescheduleSchema } from "#app/modules/booking/schemas.ts";
import { CreateUnitSchema, DeleteUnitSchema } from "#app/modules/org/schemas.ts";
import { parseFormData, parseIntentForm, parseQuery } from "./form.server.ts";
import {
  beijingInstant,
  boundedInt,
  calendarDate,
  freeText,
  idField,
  isCalendarDate,
} from "./input.ts";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("the input boundary's field types (decision 0013)", () => {
  it("accepts only real calendar dates: 2027-02-30 is refused, never rolled over to 03-02", () => {
    for (const bad of [
      "2027-02-30",
      "2024-02-30",
      "2027-13-45",
      "9999-99-99",
      "2024-13-01",
      "2023-02-29",
      "2027-00-10",
      "2027-1-1",
      "",
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
    for (const good of ["2024-02-29", "2027-12-31", "2027-01-01"])
      expect(isCalendarDate(good)).toBe(true);
    const r = calendarDate("截止日期").safeParse("2027-02-30");
    expect(!r.success && r.error.issues[0]?.message).toBe("截止日期不是有效的日期");
  });

  it("refuses impossible due dates when creating or extending an assignment (item 9)", () => {
    const r = ExtendAssignmentSchema.safeParse({ intent: "extend", dueDate: "2027-13-01" });
    expect(r.success).toBe(false);
    const c = CreateAssignmentSchema.safeParse({
      title: "t",
      dueDate: "2027-02-30",
      courseId: "1",
      unitCodes: "X1",
    });
    expect(!c.success && c.error.issues.some((i) => i.path[0] === "dueDate")).toBe(true);
  });

  it("refuses impossible leave days such as 2024-02-30 and 9999-99-99 (item 9)", () => {
    for (const day of ["2024-02-30", "2027-13-45", "9999-99-99"])
      expect(LeaveSchema.safeParse({ intent: "add-leave", day }).success, day).toBe(false);
    expect(LeaveSchema.safeParse({ intent: "add-leave", day: "2027-03-01" }).success).toBe(true);
  });

  it("refuses the audit filter date 2024-13-01 with a Chinese message (item 9)", () => {
    const r = AuditFilterSchema.safeParse({ from: "2024-13-01" });
    expect(!r.success && r.error.issues[0]?.message).toBe("日期不是有效的日期");
  });

  it("bounds numbers: a slot of 8640000000000000, huge ids and non-decimal forms are refused (item 9)", () => {
    expect(
      RescheduleSchema.safeParse({ intent: "reschedule", slot: "8640000000000000" }).success,
    ).toBe(false);
    expect(beijingInstant().safeParse(String(Date.UTC(2027, 0, 4, 1))).success).toBe(true);
    for (const bad of [
      "8640000000000000",
      "2147483648",
      "-1",
      "0",
      "1e3",
      "0x10",
      "1.5",
      "",
      " ",
      "NaN",
    ])
      expect(idField().safeParse(bad).success, bad).toBe(false);
    expect(idField().parse("2147483647")).toBe(2147483647);
    expect(boundedInt(0, 5).safeParse("6").success).toBe(false);
    const courses = CreateAssignmentSchema.safeParse({
      title: "t",
      dueDate: "2027-03-01",
      courseId: "8640000000000000",
      unitCodes: "X1",
    });
    expect(courses.success).toBe(false);
  });

  it("refuses control characters and U+FFFD in free text", () => {
    const t = freeText("主题", 10);
    expect(t.safeParse("a\u0007b").success).toBe(false);
    expect(t.safeParse("a\ufffdb").success).toBe(false);
    expect(t.safeParse("a".repeat(11)).success).toBe(false);
    expect(freeText("说明", 100, { multiline: true }).safeParse("一行\n二行").success).toBe(true);
  });
});

describe("forms and queries at the boundary", () => {
  const SCHEMAS = { create: CreateUnitSchema, delete: DeleteUnitSchema };

  it("looks intents up among own keys only: toString, __proto__ and constructor are unknown (item 10)", () => {
    for (const intent of [
      "toString",
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "valueOf",
      "",
    ]) {
      const r = parseIntentForm(form([["intent", intent]]), SCHEMAS);
      expect(r.ok, intent).toBe(false);
      expect(!r.ok && r.formError).toBe("未知的操作");
    }
    const ok = parseIntentForm(form([["intent", "delete"]]), SCHEMAS);
    expect(ok.ok && ok.data).toEqual({ intent: "delete" });
  });

  it("refuses invalid UTF-8 in a text field instead of storing U+FFFD (item 13)", async () => {
    // %FF%FE is not UTF-8; the body decoder turns it into U+FFFD, which the boundary refuses.
    const request = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: Buffer.from("intent=create&name=%E5%8D%95%FF%FE&code=AB-1&kind=UNIT"),
    });
    const r = parseIntentForm(await request.formData(), SCHEMAS);
    expect(!r.ok && r.formError).toBe("提交的内容不是有效的 UTF-8 文本");
    const raw = new Request("http://x/", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: Buffer.concat([Buffer.from("intent=delete&x="), Buffer.from([0xc3, 0x28])]),
    });
    expect(parseIntentForm(await raw.formData(), SCHEMAS).ok).toBe(false);
    const q = parseQuery(new Request("http://x/?user=%FF"), AuditFilterSchema);
    expect(!q.success && q.error.issues[0]?.message).toBe("提交的内容不是有效的 UTF-8 文本");
  });

  it("treats __proto__ as a field (refused by .strict()) and repeated fields as arrays", () => {
    const proto = parseFormData(
      form([
        ["intent", "delete"],
        ["__proto__", "x"],
        ["__proto__", "y"],
      ]),
      DeleteUnitSchema,
    );
    expect(!proto.ok && proto.formError).toBe("表单包含不允许提交的字段");
    const dup = parseFormData(
      form([
        ["intent", "delete"],
        ["intent", "delete"],
      ]),
      DeleteUnitSchema,
    );
    expect(dup.ok).toBe(false);
    const q = parseQuery(new Request("http://x/?page=1&page=2"), z.object({ page: idField() }));
    expect(q.success).toBe(false);
  });

  it("lets the auditor filter by every action the app writes, from the one list (item 15)", () => {
    for (const action of [
      "FILE_DOWNLOAD",
      "BOOKING_CONFIRM",
      "BOOKING_NO_SHOW",
      "EXPERT_CREATE",
      "ENTERPRISE_APPROVE",
      "EXAM_START",
      ...Object.keys(AUDIT_ACTIONS),
    ])
      expect(AuditFilterSchema.safeParse({ action }).success, action).toBe(true);
    expect(AuditFilterSchema.safeParse({ action: "toString" }).success).toBe(false);
  });
});
