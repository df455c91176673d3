import { expect, type Page } from "@playwright/test";
import { sql } from "kysely";
import { withDb } from "./fixtures.ts";

/** A time as a datetime-local input wants it, in Beijing time ("YYYY-MM-DDTHH:mm"). */
export const beijingInput = (ms: number): string =>
  new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

/** The year's 学时 that 我的学习 shows the signed-in person. */
export async function hoursShown(page: Page): Promise<number> {
  await page.goto("/learn");
  const text = await page
    .getByText(/已获得 [\d.]+ 学时/)
    .first()
    .textContent();
  return Number(/已获得 ([\d.]+)/.exec(text ?? "")![1]);
}

/**
 * The signed-in manager publishes a two-hour lecture through /manage/events/new, starting
 * `startInMs` from now, in a room or (with `online`) at that meeting link; `open` ticks
 * 开放报名, otherwise the audience is the form's default (his unit and its sub-units).
 * Returns the new event's id.
 */
export async function publishLecture(
  page: Page,
  options: {
    title: string;
    startInMs: number;
    capacity: number;
    hours: number;
    online?: string;
    open?: boolean;
  },
): Promise<number> {
  const start = Date.now() + options.startInMs;
  await page.goto("/manage/events/new");
  await page.getByLabel("活动类型").selectOption("LECTURE");
  await page.getByLabel("活动名称").fill(options.title);
  await page.getByLabel(/特邀专家学者/).fill("周明 辽宁大学法学院教授");
  await page.getByLabel("开始时间", { exact: true }).fill(beijingInput(start));
  await page.getByLabel("结束时间", { exact: true }).fill(beijingInput(start + 2 * 3600_000));
  if (options.online) await page.getByLabel("线上会议链接").fill(options.online);
  else await page.getByLabel("会场").fill("市数据局三楼会议室");
  await page.getByLabel("名额").fill(String(options.capacity));
  await page.getByLabel("学时", { exact: true }).fill(String(options.hours));
  if (options.open) await page.getByLabel("开放报名（所有工作人员）").check();
  await page.getByRole("button", { name: "发布活动" }).click();
  await page.waitForURL(/\/manage\/events\/\d+$/);
  await expect(page.getByRole("heading", { name: options.title })).toBeVisible();
  return Number(/(\d+)$/.exec(new URL(page.url()).pathname)![1]);
}

/** How many rows an event has in EventAttendance (check-ins) or EventJoin (platform joins). */
export async function eventRowCount(
  table: "EventAttendance" | "EventJoin",
  eventId: number,
): Promise<number> {
  const row = await withDb((db) =>
    db
      .selectFrom(table)
      .select(sql<number>`COUNT(*)`.as("n"))
      .where("eventId", "=", eventId)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}
