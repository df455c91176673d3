import { expect, test, type Browser } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { FREE_DAY, freshEnterprise, registerEnterprise, SLOT_LINK } from "./consult-helpers.ts";
import { apiContext, demo, login, waitForHydration, withDb } from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 18 part A: date then time on a 360 px phone, the holiday calendar, a proposed new time.
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

const beijing = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
/** The first Beijing day from `from` days ahead that `ok` accepts. */
function dayAhead(from: number, ok: (day: string) => boolean): string {
  for (let i = from; i < 28; i++) {
    const d = beijing(Date.now() + i * 86_400_000);
    if (ok(d)) return d;
  }
  throw new Error("no such day within the horizon");
}
const spoken = (day: string) => {
  const [, m, d] = day.split("-").map(Number);
  return `${m}月${d}日 ${["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"][weekday(day)]}`;
};

async function signedIn(browser: Browser, username: string, password: string, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await login(page, username, password);
  return page;
}

test.describe.serial("booking calendar (issue 18 A)", () => {
  const company = freshEnterprise("日历");
  let bookingPath = "";
  let expertId = 0;
  // A weekday the expert works (Mon–Fri) and a Saturday, both past the 24-hour lead time.
  const holiday = dayAhead(3, (d) => weekday(d) >= 1 && weekday(d) <= 5 && !d.endsWith("-01-01"));
  const saturday = dayAhead(3, (d) => weekday(d) === 6);

  test.beforeAll(async () => {
    expertId = (
      await withDb((db) =>
        db
          .selectFrom("ExpertProfile as p")
          .innerJoin("User as u", "u.id", "p.userId")
          .select("p.id")
          .where("u.username", "=", "expert")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  });
  test.afterAll(async () => {
    // Leave the shared e2e database as found: ADMIN removes both days again.
    const api = await apiContext({ username: "admin", password: demo("admin").password });
    for (const day of [holiday, saturday])
      await api.post("/admin/holidays", { form: { intent: "remove", day } });
    await api.dispose();
  });

  test("an enterprise books a 法律咨询 in the calendar on a 360 px phone, no sideways scroll", async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await registerEnterprise(page, company);

    await page.goto("/consult/new");
    await page.getByRole("link", { name: "法律咨询" }).click();
    await page.getByRole("link", { name: "李律师" }).click();
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByRole("heading", { name: "请先在日历中选择日期" })).toBeVisible();
    await expectNoSidewaysScroll(page, "calendar");
    await expectNoSeriousViolations(page, "calendar at 360 px");
    // Days without a free slot are not links (not focusable) and are read as 无空闲.
    await expect(
      page
        .getByRole("table")
        .getByText(/无空闲$/)
        .first(),
    ).toBeAttached();
    // Keyboard: the first free day is reachable with Tab and opens with Enter.
    const firstDay = page.getByRole("link", { name: FREE_DAY }).first();
    await firstDay.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: /的空闲时段/ })).toBeVisible();
    await expectNoSidewaysScroll(page, "a day's slots");
    await page.screenshot({ path: "test-results/booking-calendar-360.png", fullPage: true });
    await page.getByRole("link", { name: SLOT_LINK }).first().click();
    await page.getByLabel("主题").waitFor();
    await waitForHydration(page);
    await page.getByLabel("主题").fill("劳动合同解除咨询");
    await page.getByLabel("情况说明").fill("员工提出离职，补偿如何计算。");
    await page.getByLabel("咨询方式").selectOption("ONLINE");
    await expectNoSidewaysScroll(page, "details");
    await page.getByRole("button", { name: "确认预约" }).click();
    await page.waitForURL(/\/consult\/bookings\/\d+\?notice=created$/);
    bookingPath = new URL(page.url()).pathname;
    await expectNoSidewaysScroll(page, "booking page");
    await context.close();
  });

  test("a holiday entered by ADMIN disappears from the calendar and an imported 调休 Saturday appears", async ({
    browser,
  }) => {
    const admin = await signedIn(browser, "admin", demo("admin").password);
    await admin.goto("/admin/holidays");
    await expect(admin.getByRole("heading", { name: "节假日与调休" })).toBeVisible();
    await expectNoSeriousViolations(admin, "/admin/holidays");
    // Nothing chosen: the server names the missing fields.
    await admin.getByRole("button", { name: "保存" }).click();
    await expect(admin.getByText("请选择日期")).toBeVisible();
    await admin.getByLabel("日期").fill(holiday);
    await admin.getByLabel("类型").selectOption("HOLIDAY");
    await admin.getByLabel("名称").fill("测试假日");
    await admin.getByRole("button", { name: "保存" }).click();
    await expect(admin.getByText("已保存。")).toBeVisible();
    await expect(admin.getByText(`${holiday}`)).toBeVisible();
    // A CSV with errors names the lines and imports nothing; the corrected one imports.
    const file = (text: string) => ({
      name: "放假安排.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(text),
    });
    await admin
      .getByLabel("CSV 文件")
      .setInputFiles(file(`date,kind,name\n${saturday},补班,调休\n2027-02-30,放假,春节\n`));
    await admin.getByRole("button", { name: "导入" }).click();
    await expect(admin.getByText("第 2 行：类型应为“放假”或“上班”")).toBeVisible();
    await expect(
      admin.getByText("第 3 行：日期无效，应为 YYYY-MM-DD 格式的真实日期"),
    ).toBeVisible();
    await admin
      .getByLabel("CSV 文件")
      .setInputFiles(file(`date,kind,name\n${saturday},上班,测试调休\n`));
    await admin.getByRole("button", { name: "导入" }).click();
    await expect(admin.getByText("已导入 1 个日期。")).toBeVisible();
    await admin.context().close();

    const page = await signedIn(browser, company.uscc, company.password, PHONE);
    const calendar = (month: string) =>
      page.goto(`/consult/new?type=CONSULTATION&expert=${expertId}&month=${month}`);
    await calendar(holiday.slice(0, 7));
    await expect(page.getByRole("table").getByText(`${spoken(holiday)}，无空闲`)).toBeAttached();
    await expect(page.getByRole("link", { name: new RegExp(`^${spoken(holiday)}，`) })).toHaveCount(
      0,
    );
    await calendar(saturday.slice(0, 7));
    const sat = page.getByRole("link", {
      name: new RegExp(`^${spoken(saturday)}，\\d+ 个空闲时段$`),
    });
    await expect(sat).toBeVisible();
    await sat.click();
    // The expert's Monday hours: 09:00 first.
    await expect(page.getByRole("link", { name: `${spoken(saturday)} 09:00` })).toBeVisible();
    await expectNoSidewaysScroll(page, "调休 Saturday");
    await page.context().close();
  });

  test("the expert proposes a new time and enters the meeting link; the enterprise accepts", async ({
    browser,
  }) => {
    const expert = await signedIn(browser, "expert", demo("expert").password);
    await expert.goto(bookingPath);
    await expert.getByRole("link", { name: "填写会议链接或拨入方式" }).click();
    await expert.getByLabel("会议链接").fill("javascript:alert(1)");
    await expert.getByRole("button", { name: "保存" }).click();
    await expect(expert.getByText("会议链接应以 https:// 或 http:// 开头的完整网址")).toBeVisible();
    await expert.getByLabel("会议链接").fill("https://meeting.example.cn/j/20261208");
    await expert.getByRole("button", { name: "保存" }).click();
    await expect(expert.getByText("会议信息已保存。")).toBeVisible();
    await expert.getByRole("link", { name: "建议另一个时间" }).click();
    await expect(expert.getByRole("heading", { name: "建议新时间" })).toBeVisible();
    await expectNoSeriousViolations(expert, "propose a new time");
    await expert.getByRole("link", { name: FREE_DAY }).last().click();
    const slot = expert.getByRole("link", { name: SLOT_LINK }).last();
    const label = (await slot.getAttribute("aria-label"))!;
    await slot.click();
    await expert.getByRole("button", { name: "发送建议" }).click();
    await expect(expert.getByText("已向企业建议新时间，等待答复。")).toBeVisible();
    await expert.context().close();

    const page = await signedIn(browser, company.uscc, company.password, PHONE);
    await page.goto(bookingPath);
    // Not confirmed yet: the meeting link stays hidden from the enterprise.
    await expect(page.getByText("https://meeting.example.cn/j/20261208")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "专家建议调整时间" })).toBeVisible();
    await expectNoSidewaysScroll(page, "proposal on the booking page");
    await expectNoSeriousViolations(page, "proposal at 360 px");
    await page.getByRole("button", { name: "接受新时间" }).click();
    await expect(page.getByText("已接受新时间，预约已确认。")).toBeVisible();
    await expect(
      page.getByRole("link", { name: "https://meeting.example.cn/j/20261208" }),
    ).toBeVisible();
    const row = await withDb((db) =>
      db
        .selectFrom("Booking")
        .select(["status", "startAt", "proposedStart"])
        .where("id", "=", Number(bookingPath.split("/").pop()))
        .executeTakeFirstOrThrow(),
    );
    expect(row.status).toBe("CONFIRMED");
    expect(row.proposedStart).toBeNull();
    const hhmm = new Date(row.startAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    expect(label.endsWith(hhmm)).toBe(true);
    const ics = await page.request.get(`${bookingPath}/ics`);
    expect(await ics.text()).toContain("LOCATION:https://meeting.example.cn/j/20261208");
    await page.context().close();
  });
});
