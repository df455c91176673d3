import { expect, test } from "@playwright/test";
import {
  BASE_URL,
  apiContext,
  CROSS_SITE,
  demo,
  expectRefused,
  login,
  RESERVED_STAFF,
  sessionCount,
  userCount,
  userRow,
  GENERATED_STAFF_PASSWORD,
} from "./fixtures.ts";

// Each bad request carries the admin's real password: if the check were
// missing, a session would be written, and the "writes nothing" checks fail.
const admin = demo("admin");

test.describe("bad input at /login: 4xx with a Chinese message, nothing written", () => {
  const cases: { title: string; username: string; message: RegExp }[] = [
    {
      title: "an overlong username (5,000 characters)",
      username: "a".repeat(5000),
      message: /用户名最多 32 个字符/,
    },
    {
      title: "a NUL character in the username",
      username: `${admin.username}\u0000`,
      message: /非法字符/,
    },
    {
      title: "CRLF in the username",
      username: `${admin.username}\r\nSet-Cookie: evil=1`,
      message: /用户名只能包含/,
    },
  ];
  for (const c of cases) {
    test(`${c.title} is refused with 400 and creates no session`, async () => {
      const api = await apiContext();
      const sessions = await sessionCount();
      const users = await userCount();
      const adminBefore = await userRow(admin.username);
      const res = await api.post("/login", {
        form: { username: c.username, password: admin.password },
        maxRedirects: 0,
      });
      await expectRefused(res, 400, c.message);
      expect(res.headers()["set-cookie"] ?? "").not.toContain("fzxt_session=");
      expect(res.headers()["set-cookie"] ?? "").not.toContain("evil");
      expect(await sessionCount()).toBe(sessions);
      expect(await userCount()).toBe(users);
      expect(await userRow(admin.username)).toEqual(adminBefore);
      await api.dispose();
    });
  }

  test("a cross-site POST to /login is refused with 403 and creates no session", async () => {
    const api = await apiContext();
    const sessions = await sessionCount();
    const res = await api.post("/login", {
      form: { username: admin.username, password: admin.password },
      headers: CROSS_SITE,
      maxRedirects: 0,
    });
    await expectRefused(res, 403, /跨站/);
    expect(res.headers()["set-cookie"] ?? "").not.toContain("fzxt_session=");
    expect(await sessionCount()).toBe(sessions);
    await api.dispose();
  });

  test("a POST to /login with neither Origin nor Sec-Fetch-Site is refused with 403", async ({
    playwright,
  }) => {
    const api = await playwright.request.newContext({ baseURL: BASE_URL });
    const sessions = await sessionCount();
    const res = await api.post("/login", {
      form: { username: admin.username, password: admin.password },
      maxRedirects: 0,
    });
    await expectRefused(res, 403, /跨站/);
    expect(await sessionCount()).toBe(sessions);
    await api.dispose();
  });

  test("a 5 MB form body to /login is refused with 413 (every time) and creates no session", async () => {
    const api = await apiContext();
    const sessions = await sessionCount();
    const body = `username=${admin.username}&password=${encodeURIComponent(admin.password)}&filler=${"x".repeat(5 * 1024 * 1024)}`;
    // Several uploads: a client still sending its body must receive the 413, not a reset connection.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const res = await api.post("/login", {
        data: body,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        maxRedirects: 0,
      });
      await expectRefused(res, 413, /过大/);
    }
    expect(await sessionCount()).toBe(sessions);
    await api.dispose();
  });
});

test.describe("bad input at /account/profile: 4xx, profile unchanged", () => {
  const staff = { username: RESERVED_STAFF.profile, password: GENERATED_STAFF_PASSWORD };

  test("a cross-site POST to /account/profile is refused with 403 and changes nothing", async () => {
    const api = await apiContext(staff);
    const before = await userRow(staff.username);
    const res = await api.post("/account/profile", {
      form: { name: "跨站篡改", mobile: "" },
      headers: CROSS_SITE,
      maxRedirects: 0,
    });
    await expectRefused(res, 403, /跨站/);
    expect(await userRow(staff.username)).toEqual(before);
    await api.dispose();
  });

  test("extra fields role=ADMIN and orgUnitId=1 in the profile form are refused with 400; role and unit unchanged", async () => {
    const api = await apiContext(staff);
    const before = await userRow(staff.username);
    expect(before.role).toBe("STAFF");
    const res = await api.post("/account/profile", {
      form: { name: "提权尝试", mobile: "", role: "ADMIN", orgUnitId: "1" },
      maxRedirects: 0,
    });
    await expectRefused(res, 400, /不允许提交的字段/);
    const after = await userRow(staff.username);
    expect(after.role).toBe("STAFF");
    expect(after.orgUnitId).toBe(before.orgUnitId);
    expect(after).toEqual(before); // not even the name was saved
    // The same form without the extra fields is accepted (the refusal was about them).
    const ok = await api.post("/account/profile", {
      form: { name: before.name, mobile: before.mobile ?? "" },
      maxRedirects: 0,
    });
    expect(ok.status()).toBe(302);
    expect((await userRow(staff.username)).role).toBe("STAFF");
    await api.dispose();
  });
});

test.describe("logout only by POST", () => {
  test("a GET to /logout does not log out", async () => {
    const account = { username: RESERVED_STAFF.logoutByGet, password: GENERATED_STAFF_PASSWORD };
    const api = await apiContext(account);
    const { id } = await userRow(account.username);
    const sessions = await sessionCount(id);
    expect(sessions).toBeGreaterThan(0);
    const res = await api.get("/logout", { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers()["set-cookie"] ?? "").not.toContain("fzxt_session=");
    expect(await sessionCount(id)).toBe(sessions);
    const home = await api.get("/", { maxRedirects: 0 });
    expect(home.status()).toBe(200);
    expect(await home.text()).toContain("您好");
    // A POST does log out.
    const out = await api.post("/logout", { maxRedirects: 0 });
    expect(out.status()).toBe(302);
    expect(await sessionCount(id)).toBe(sessions - 1);
    await api.dispose();
  });
});

test.describe("not found", () => {
  test("the 404 page is Chinese (页面不存在) for a signed-in user, never a 500", async ({
    page,
  }) => {
    const staff = demo("staff");
    await login(page, staff.username, staff.password);
    for (const url of ["/no-such-page", "/account/no-such-page", "/admin/no-such-page/deeper"]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("页面不存在");
      await expect(page.getByText("服务器出错了")).toHaveCount(0);
    }
  });

  test("an unknown or malformed id on an admin page gives a Chinese 404, never a 500", async ({
    page,
  }) => {
    await login(page, admin.username, admin.password);
    for (const url of [
      "/admin/users/999999",
      "/admin/users/abc",
      "/admin/units/999999",
      "/admin/units/-1",
    ]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("页面不存在");
      await expect(page.getByText("服务器出错了")).toHaveCount(0);
    }
  });
});
