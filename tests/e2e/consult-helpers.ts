import type { Page } from "@playwright/test";
import { usccCheckChar } from "../../app/modules/booking/uscc.ts";
import { waitForHydration } from "./fixtures.ts";

/** A valid, fresh 统一社会信用代码 and mobile number for a registration in this run. */
export function freshEnterprise(tag: string) {
  const digits = String(Date.now()).slice(-8) + String(Math.floor(Math.random() * 10));
  const first17 = `91210300${digits}`; // 鞍山市 region code, 9 digits of organisation code
  return {
    companyName: `鞍山${tag}科技有限公司`,
    uscc: first17 + usccCheckChar(first17),
    mobile: `135${digits.slice(-8)}`,
    contactName: "王经理",
    password: "Company@2026x",
  };
}

/** Registers the enterprise through /register and waits for its landing page, 预约咨询. */
export async function registerEnterprise(page: Page, company: ReturnType<typeof freshEnterprise>) {
  await page.goto("/register");
  await waitForHydration(page);
  await page.getByLabel("企业名称").fill(company.companyName);
  await page.getByLabel("统一社会信用代码").fill(company.uscc);
  await page.getByLabel("联系人姓名").fill(company.contactName);
  await page.getByLabel("联系人手机号").fill(company.mobile);
  await page.getByLabel("密码", { exact: true }).fill(company.password);
  await page.getByLabel("确认密码").fill(company.password);
  await page.getByRole("button", { name: "注册" }).click();
  await page.waitForURL("**/consult");
}

/** A slot button of the booking calendar, e.g. "12月8日 星期二 09:00". */
export const SLOT_LINK = /^\d{1,2}月\d{1,2}日 星期. \d{2}:\d{2}$/;
/** A day of the booking calendar with free slots, e.g. "12月8日 星期二，3 个空闲时段". */
export const FREE_DAY = /^\d{1,2}月\d{1,2}日 星期.，\d+ 个空闲时段$/;

/** Date, then time: the first day with free slots, then its first slot (moves to the details). */
export async function pickFirstSlot(page: Page) {
  await page.getByRole("link", { name: FREE_DAY }).first().click();
  await page.getByRole("link", { name: SLOT_LINK }).first().click();
}

/** The free slot starts (epoch ms) of the first free day on a calendar page, read from its HTML. */
export async function firstDaySlots(get: (path: string) => Promise<string>, path: string) {
  const html = await get(path);
  const day = /[?&;]day=(\d{4}-\d{2}-\d{2})/.exec(html)?.[1];
  if (!day) return [];
  const dayHtml = await get(`${path}&day=${day}`);
  return [...new Set([...dayHtml.matchAll(/[?&;]slot=(\d+)"/g)].map((m) => m[1]!))];
}
