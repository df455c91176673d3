import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./axe.ts";
import { eventRowCount, publishLecture } from "./event-helpers.ts";
import {
  demo,
  GENERATED_STAFF_PASSWORD,
  RESERVED_STAFF,
  signInAtWidth,
  signOutWide,
} from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 20, event operations: the organiser edits an event's place (a signed-up staff member
// sees the notice), then cancels it with a reason after a confirmation (the staff member sees
// the notice and 已取消, and can no longer sign up); an online event is entered through the
// platform's join link, which records the join once and leads to the meeting. 360 and 1280 px,
// with axe.

const MEETING = "https://meeting.example.cn/e2e/room";

/** "manager" (the demo manager) or "staff": a generated staff member reserved for this spec
 * (the demo staff member's home is events.spec's to count). */
async function signIn(page: Page, width: number, who: "manager" | "staff") {
  const [username, password] =
    who === "manager"
      ? [demo("manager").username, demo("manager").password]
      : [RESERVED_STAFF.eventOps, GENERATED_STAFF_PASSWORD];
  await signInAtWidth(page, width, username, password);
}

for (const width of [1280, 360]) {
  test(`organiser edits and cancels an event; staff see the notices (${width} px)`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const title = `宪法宣传周讲座（e2e 运营 ${width}）`;
    await signIn(page, width, "manager");
    const id = await publishLecture(page, {
      title,
      startInMs: 2 * 86_400_000,
      capacity: 10,
      hours: 1,
      open: true,
    });
    await signOutWide(page);

    await signIn(page, width, "staff");
    await page.goto(`/events/${id}`);
    await page.getByRole("button", { name: "报名参加" }).click();
    await expect(page.getByText("报名成功，已为您保留座位")).toBeVisible();
    await signOutWide(page);

    // The manager edits: an empty capacity first, then a new room.
    await signIn(page, width, "manager");
    await page.goto(`/manage/events/${id}`);
    await page.getByRole("link", { name: "修改或取消活动" }).click();
    await page.waitForURL(/\/edit$/);
    await expect(page.getByRole("heading", { name: /修改或取消活动/ })).toBeVisible();
    await page.getByLabel("名额").fill("");
    await page.getByRole("button", { name: "保存修改" }).click();
    await expect(page.getByText("名额应在 1 到 5000 之间").first()).toBeVisible();
    await expectNoSeriousViolations(page, "edit event with an error");
    await expectNoSidewaysScroll(page);
    await page.getByLabel("名额").fill("10");
    await page.getByLabel("会场").fill("市数据局五楼报告厅");
    await page.getByRole("button", { name: "保存修改" }).dblclick();
    await page.waitForURL(new RegExp(`/manage/events/${id}\\?saved=`));
    await expect(page.getByText(/修改已保存，已通知 1 名报名人员/)).toBeVisible();
    await page.screenshot({ path: `test-results/event-ops-saved-${width}.png`, fullPage: true });

    // Cancel: no reason is refused; then the confirmation, then 已取消.
    await page.goto(`/manage/events/${id}/edit`);
    await expect(page.getByRole("heading", { name: "取消活动", exact: true })).toBeVisible();
    await page.getByRole("button", { name: "取消活动", exact: true }).click();
    await expect(page.getByText("确定取消这个活动吗？取消后不能恢复。")).toBeVisible();
    await page.getByRole("button", { name: "确认取消活动" }).click();
    await expect(page.getByText("请填写取消原因").first()).toBeVisible();
    await page.getByLabel(/取消原因/).fill("主讲人临时出差");
    await page.getByRole("button", { name: "取消活动", exact: true }).click();
    await expectNoSeriousViolations(page, "cancel confirmation");
    await page.getByRole("button", { name: "确认取消活动" }).click();
    await page.waitForURL(new RegExp(`/manage/events/${id}\\?cancelled=`));
    await expect(page.getByText("活动已取消，已通知 1 名报名人员")).toBeVisible();
    await expect(page.getByText(/主讲人临时出差/).first()).toBeVisible();
    await expectNoSeriousViolations(page, "cancelled event (organiser)");
    await signOutWide(page);

    // The staff member sees both notices, 已取消 in the list and on the page, and no sign-up.
    await signIn(page, width, "staff");
    await page.goto("/notifications");
    await expect(page.getByText(`活动地点变更：${title}`)).toBeVisible();
    await expect(page.getByText(`活动已取消：${title}`)).toBeVisible();
    await expect(page.getByText(/原因：主讲人临时出差/).first()).toBeVisible();
    await page.goto(`/events/${id}`);
    await expect(
      page.getByText("本活动已取消，不再报名和签到。原因：主讲人临时出差"),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: /报名|取消报名/ })).toHaveCount(0);
    await expectNoSeriousViolations(page, "cancelled event (staff)");
    await expectNoSidewaysScroll(page);
    await page.screenshot({
      path: `test-results/event-ops-cancelled-${width}.png`,
      fullPage: true,
    });
    await page.goto("/events");
    await expect(
      page.getByRole("listitem").filter({ hasText: title }).getByText("已取消").first(),
    ).toBeVisible();
    await signOutWide(page);
  });

  test(`online event: the join link records the join once and leads to the meeting (${width} px)`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.route(`${MEETING}**`, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><html lang='zh'><title>会议室</title><h1>线上会议室</h1></html>",
      }),
    );
    const title = `线上案例研讨（e2e 入会 ${width}）`;
    await signIn(page, width, "manager");
    const id = await publishLecture(page, {
      title,
      startInMs: 10 * 60_000,
      capacity: 10,
      hours: 1,
      online: MEETING,
      open: true,
    });
    await signOutWide(page);
    await signIn(page, width, "staff");
    await page.goto(`/events/${id}`);
    await expect(page.getByText("报名成功后可通过本平台进入会议")).toBeVisible();
    await page.getByRole("button", { name: "报名参加" }).click();
    await expect(page.getByText("报名成功，已为您保留座位")).toBeVisible();
    await expect(
      page.getByText("请通过本平台的入会链接进入会议，否则无法签到").first(),
    ).toBeVisible();
    await expect(page.locator(`a[href^="${MEETING}"]`)).toHaveCount(0);
    await page.getByRole("link", { name: "进入线上会议" }).click();
    await page.waitForURL(new RegExp(`/events/${id}/join$`));
    await expect(page.getByRole("heading", { name: /进入线上会议/ })).toBeVisible();
    await expectNoSeriousViolations(page, "join page");
    await expectNoSidewaysScroll(page);
    await page.getByRole("button", { name: "进入会议" }).click();
    await page.waitForURL(`${MEETING}`);
    await expect(page.getByRole("heading", { name: "线上会议室" })).toBeVisible();
    // Back to the join page, and in again: still one join, the first time kept.
    await page.goto(`/events/${id}/join`);
    await expect(page.getByText(/您已于 .* 通过本平台入会/)).toBeVisible();
    await page.getByRole("button", { name: "进入会议" }).click();
    await page.waitForURL(`${MEETING}`);
    expect(await eventRowCount("EventJoin", id)).toBe(1);
    await page.goto(`/events/${id}`);
    await expect(page.getByText(/您已于 .* 通过平台入会/)).toBeVisible();
    await signOutWide(page);
  });
}
