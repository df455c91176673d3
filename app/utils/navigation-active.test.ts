import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { NavLink } from "react-router-dom";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import {
  activeNavItems,
  activeTab,
  navFor,
  navLinkActive,
  STAFF_TABS,
  type NavItem,
} from "./navigation.ts";

// The shell's links are plain <a> (issue 14); these tests hold them to what <NavLink> marked.

const ROLES = ["STAFF", "MANAGER", "EXPERT", "ENTERPRISE", "ADMIN", "AUDITOR"];
const PATHS = [
  "/",
  "/learn",
  "/learn/",
  "/LEARN",
  "/learn/courses",
  "/learn/courses/constitution",
  "/learn/coursesx",
  "/learn/exam",
  "/learn/exam/attempt/3",
  "/laws/12",
  "/manage/annual",
  "/manage/events/4",
  "/manage/assignments/new",
  "/consult",
  "/consult/new",
  "/consult/bookings/7",
  "/expert",
  "/expert/availability",
  "/admin/users/5",
  "/policy/manage",
  "/policy/3",
  "/audit",
  "/events",
  "/events/2",
  "/account/profile",
  "/about",
];

/** Whether <NavLink to end> renders aria-current="page" at `pathname`. */
function navLinkMarks(pathname: string, to: string, end: boolean): boolean {
  const html = renderToString(
    createElement(StaticRouter, { location: pathname }, createElement(NavLink, { to, end }, "x")),
  );
  return html.includes('aria-current="page"');
}

// The rule nav-menu.tsx gave each NavLink: `end` where another item lies below this one.
const endFor = (items: NavItem[], item: NavItem) =>
  items.some(
    (other) => other.to !== item.to && other.to.startsWith(item.to === "/" ? "/" : `${item.to}/`),
  );

describe("the shell's active links (plain <a>, NavLink's rule computed once)", () => {
  it("navLinkActive says what <NavLink> says, with and without end", () => {
    const targets = ["/", "/learn", "/learn/", "/learn/courses", "/manage/annual", "/policy"];
    for (const pathname of PATHS)
      for (const to of targets)
        for (const end of [false, true])
          expect(navLinkActive(pathname, to, end), `${to} end=${end} at ${pathname}`).toBe(
            navLinkMarks(pathname, to, end),
          );
  });

  it("activeNavItems marks the items NavLink marked for every role's menu", () => {
    for (const role of ROLES) {
      const items = navFor(role);
      for (const pathname of PATHS) {
        const marked = items
          .filter((item) => navLinkMarks(pathname, item.to, endFor(items, item)))
          .map((i) => i.to);
        expect([...activeNavItems(items, pathname)], `${role} at ${pathname}`).toEqual(marked);
      }
    }
  });

  it("one page never highlights two menu items (我的学习 and 课程中心)", () => {
    expect([...activeNavItems(navFor("STAFF"), "/learn/courses/x")]).toEqual(["/learn/courses"]);
    expect([...activeNavItems(navFor("STAFF"), "/learn")]).toEqual(["/learn"]);
    expect([...activeNavItems(navFor("STAFF"), "/learn/wrong-answers")]).toEqual([]);
  });

  it("activeTab is the longest staff tab that holds the page", () => {
    const old = (pathname: string) =>
      STAFF_TABS.filter(
        (t) => pathname === t.to || (t.to !== "/" && pathname.startsWith(`${t.to}/`)),
      ).sort((a, b) => b.to.length - a.to.length)[0];
    for (const pathname of PATHS) expect(activeTab(pathname), pathname).toBe(old(pathname));
    expect(activeTab("/learn/exam/attempt/3")?.label).toBe("考试");
    expect(activeTab("/learn/courses")?.label).toBe("学习");
  });
});
