import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./actions.ts";
import { groupedActions } from "./catalog.ts";
import { detailFields, reasonText } from "./fields.ts";

describe("the audit log's catalogue", () => {
  it("offers every action of AUDIT_ACTIONS exactly once in the grouped select", () => {
    const keys = groupedActions().flatMap((g) => g.actions.map((a) => a.key));
    expect(keys.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
  });

  it("puts an action added later by its prefix, or under 其他, without a change here", () => {
    const groups = groupedActions({ LOGOUT: "退出登录", EVENT_CHECKIN: "签到", ZZZ_NEW: "新操作" });
    expect(groups.map((g) => [g.label, g.actions.map((a) => a.key)])).toEqual([
      ["登录与账号安全", ["LOGOUT"]],
      ["课程与考试", ["EVENT_CHECKIN"]],
      ["其他", ["ZZZ_NEW"]],
    ]);
  });

  it("says a role denial in Chinese and keeps an unknown reason as written", () => {
    expect(reasonText("role MANAGER not in ADMIN,AUDITOR")).toBe(
      "角色「培训管理员」无权访问（仅限系统管理员、审计管理员）",
    );
    expect(reasonText("something new")).toBe("something new");
  });

  it("shows a detail that is not an object, or not JSON, rather than failing", () => {
    expect(detailFields("LOGOUT", "[1,2]")).toEqual([{ label: "内容", value: "1、2" }]);
    expect(detailFields("LOGOUT", "not json")).toEqual([{ label: "内容", value: "not json" }]);
    expect(detailFields("LOGOUT", null)).toEqual([]);
  });
});
