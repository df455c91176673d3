import { describe, expect, it } from "vitest";
import { groupNav, navFor, type NavEntry } from "./navigation.ts";

/** The menu's top level as shown: item labels and group names. */
const top = (entries: NavEntry[]) =>
  entries.map((e) => (e.kind === "item" ? e.item.label : e.label));

describe("the admin's and the manager's menus are grouped (issue 17)", () => {
  it("shows 首页, the four groups in order and 法律法规库; every admin page is in a group", () => {
    const entries = groupNav(navFor("ADMIN"));
    expect(top(entries)).toEqual([
      "首页",
      "人员与机构",
      "课程与考试",
      "预约服务",
      "系统",
      "法律法规库",
    ]);
    const people = entries.find((e) => e.kind === "group" && e.label === "人员与机构");
    expect(people?.kind === "group" && people.items.map((i) => i.to)).toEqual([
      "/admin/users",
      "/admin/import",
      "/admin/units",
    ]);
    for (const item of navFor("ADMIN"))
      if (item.to.startsWith("/admin/")) expect(item.group).toBeDefined();
  });

  it("keeps a new item without a group on its own and one with a group in its group", () => {
    const entries = groupNav([
      { to: "/", label: "首页" },
      { to: "/a", label: "甲", group: "系统" },
      { to: "/b", label: "乙" },
      { to: "/c", label: "丙", group: "系统" },
    ]);
    expect(entries).toEqual([
      { kind: "item", item: { to: "/", label: "首页" } },
      {
        kind: "group",
        label: "系统",
        items: [
          { to: "/a", label: "甲", group: "系统" },
          { to: "/c", label: "丙", group: "系统" },
        ],
      },
      { kind: "item", item: { to: "/b", label: "乙" } },
    ]);
  });

  it("groups the manager's twelve items into seven entries, none lost, labels unchanged", () => {
    const entries = groupNav(navFor("MANAGER"));
    expect(top(entries)).toEqual([
      "首页",
      "任务与统计",
      "活动",
      "组织机构",
      "个人学习",
      "法律法规库",
      "政策解读",
    ]);
    const items = (label: string) => {
      const g = entries.find((e) => e.kind === "group" && e.label === label);
      return g?.kind === "group" ? g.items.map((i) => i.label) : [];
    };
    expect(items("任务与统计")).toEqual(["学习任务", "达标率", "年度学法统计"]);
    expect(items("活动")).toEqual(["组织活动", "讲座研讨"]);
    expect(items("个人学习")).toEqual(["我的学习", "课程中心", "年度考试"]);
    expect(navFor("MANAGER")).toHaveLength(12);
    for (const item of navFor("MANAGER"))
      if (item.to.startsWith("/manage/") && item.to !== "/manage/units")
        expect(item.group).toBeDefined();
  });

  it("leaves the other roles' menus flat", () => {
    for (const role of ["STAFF", "EXPERT", "ENTERPRISE", "AUDITOR"])
      expect(groupNav(navFor(role)).every((e) => e.kind === "item")).toBe(true);
  });
});
