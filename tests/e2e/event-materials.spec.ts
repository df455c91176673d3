import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { realDocx, realPdf } from "../fixtures/booking/files.ts";
import { expectNoSeriousViolations } from "./axe.ts";
import { eventRowCount, hoursShown, publishLecture } from "./event-helpers.ts";
import {
  demo,
  GENERATED_STAFF_PASSWORD,
  RESERVED_STAFF,
  signInAtWidth,
  signOutWide,
  withDb,
} from "./fixtures.ts";
import { expectNoSidewaysScroll } from "./layout.ts";

// Issue 20: event materials and the attendance-sheet import. The manager uploads a real PDF
// (an empty submit first: the message, never a 500), a staff member of the audience downloads
// it and an outsider cannot; the manager imports a sheet with one unknown 工号, confirms (twice:
// nobody is credited twice), and the person's 学时 appear in 我的学习. At 360 and 1280 px, axe.

const reserved = new Set<string>(Object.values(RESERVED_STAFF));

/** A generated staff member: inside the manager's subtree (AS-SJJ) or outside it. */
async function generatedStaff(inside: boolean, skip = 0): Promise<string> {
  return withDb(async (db) => {
    const rows = await db
      .selectFrom("User as u")
      .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .select("u.username")
      .where("u.role", "=", "STAFF")
      .where("u.username", "like", "A0%")
      .where("o.code", inside ? "like" : "not like", "AS-SJJ%")
      .orderBy("u.username", "desc")
      .limit(20)
      .execute();
    return rows.map((r) => r.username).filter((u) => !reserved.has(u))[skip]!;
  });
}

for (const [index, width] of [1280, 360].entries()) {
  test(`event materials and the attendance-sheet import (${width} px)`, async ({ page }) => {
    test.setTimeout(180_000);
    const manager = demo("manager");
    const title = `民法典专题讲座（资料 e2e ${width}）`;
    const staff = await generatedStaff(true, 1 + index);
    const outsider = await generatedStaff(false);

    await signInAtWidth(page, width, staff, GENERATED_STAFF_PASSWORD);
    const hoursBefore = await hoursShown(page);
    await signOutWide(page);

    // Materials: an empty submit is "no file", then a real PDF and a DOCX; the DOCX is deleted.
    await signInAtWidth(page, width, manager.username, manager.password);
    const id = await publishLecture(page, {
      title,
      startInMs: 10 * 60_000,
      capacity: 30,
      hours: 1.5,
    });
    await expect(page.getByText("暂无活动资料。")).toBeVisible();
    await page.getByRole("button", { name: "上传资料" }).click();
    await expect(page.getByRole("alert").first()).toContainText("请选择要上传的资料文件");
    await page.getByLabel("资料文件").setInputFiles({
      name: "民法典讲义.pdf",
      mimeType: "application/pdf",
      buffer: realPdf(),
    });
    await page.getByRole("button", { name: "上传资料" }).click();
    await expect(page.getByText("已上传 1 份资料")).toBeVisible();
    await expect(page.getByRole("link", { name: "民法典讲义.pdf" })).toBeVisible();
    await page.getByLabel("其他", { exact: true }).check();
    await page.getByLabel("资料文件").setInputFiles({
      name: "多余的文件.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: realDocx(),
    });
    await page.getByRole("button", { name: "上传资料" }).click();
    await expect(page.getByRole("link", { name: "多余的文件.docx" })).toBeVisible();
    await expectNoSeriousViolations(page, "manage event page with materials");
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `test-results/event-materials-${width}.png`, fullPage: true });
    const docxRow = page.getByRole("listitem").filter({ hasText: "多余的文件.docx" });
    await docxRow.getByRole("button", { name: "删除" }).click();
    await expect(page.getByText(/确定删除“多余的文件.docx”吗/)).toBeVisible();
    await docxRow.getByRole("button", { name: "确认删除" }).click();
    await expect(page.getByText("已删除资料：多余的文件.docx")).toBeVisible();
    await expect(page.getByRole("link", { name: "多余的文件.docx" })).toHaveCount(0);

    // The attendance sheet: nothing chosen, then a sheet with one unknown 工号.
    await page.getByRole("link", { name: "导入签到表" }).click();
    await page.waitForURL(new RegExp(`/manage/events/${id}/import$`));
    await expect(page.getByRole("heading", { name: "导入签到表" })).toBeVisible();
    const template = await page.request.get("/manage/events/import-template");
    expect(template.status()).toBe(200);
    expect(await template.text()).toContain("工号,姓名");
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByRole("alert")).toContainText("请选择签到表文件（CSV 或 XLSX）");
    await page.getByLabel("签到表文件").setInputFiles({
      name: "签到表.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF工号,姓名\r\n${staff},\r\nNOBODY01,某某\r\n`, "utf8"),
    });
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByRole("heading", { name: "预览（尚未保存）" })).toBeVisible();
    await expect(page.getByText("共 2 行：1 人将记为签到，1 行不导入。")).toBeVisible();
    await expect(page.getByRole("heading", { name: "工号不存在（1 行）" })).toBeVisible();
    await expect(page.getByText("第 3 行：NOBODY01 某某")).toBeVisible();
    await expect(page.getByText(new RegExp(`第 2 行：${staff}`))).toBeVisible();
    await expectNoSeriousViolations(page, "attendance import preview");
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `test-results/event-import-${width}.png`, fullPage: true });
    await page.getByRole("button", { name: "确认导入 1 人签到" }).dblclick();
    await expect(page.getByText(/已导入签到 [01] 人/)).toBeVisible();
    // Back to the preview and confirm again: nobody is credited twice.
    await page.goBack();
    await page.goto(`/manage/events/${id}/import`);
    await page.getByLabel("签到表文件").setInputFiles({
      name: "签到表.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`工号\r\n${staff}\r\n`, "utf8"),
    });
    await page.getByRole("button", { name: "上传并预览" }).click();
    await expect(page.getByRole("heading", { name: "已签到（1 行）" })).toBeVisible();
    await expect(page.getByText("签到表中没有可以记为签到的人员。")).toBeVisible();
    expect(await eventRowCount("EventAttendance", id)).toBe(1);
    await signOutWide(page);

    // The staff member downloads the PDF from the event page; his 学时 include the lecture.
    await signInAtWidth(page, width, staff, GENERATED_STAFF_PASSWORD);
    await page.goto(`/events/${id}`);
    await expect(page.getByRole("heading", { name: "活动资料" })).toBeVisible();
    await expect(page.getByText(/已签到（签到表导入/)).toBeVisible();
    await expectNoSeriousViolations(page, "event page with materials");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "民法典讲义.pdf" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("民法典讲义.pdf");
    const saved = await download.path();
    expect(fs.readFileSync(saved!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(await hoursShown(page)).toBe(hoursBefore + 1.5);
    const audits = await withDb((db) =>
      db
        .selectFrom("AuditLog")
        .select(["result"])
        .where("action", "=", "FILE_DOWNLOAD")
        .where("objectType", "=", "eventMaterial")
        .where("actorName", "=", staff)
        .execute(),
    );
    expect(audits.map((a) => a.result)).toEqual(["SUCCESS"]);
    await signOutWide(page);

    // Someone outside the audience: the same 404 as for a missing file.
    const materialId = await withDb(
      async (db) =>
        (
          await db
            .selectFrom("EventMaterial")
            .select("id")
            .where("eventId", "=", id)
            .executeTakeFirstOrThrow()
        ).id,
    );
    await signInAtWidth(page, width, outsider, GENERATED_STAFF_PASSWORD);
    const refused = await page.request.get(`/events/${id}/materials/${materialId}`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).toContain("资料不存在");
    await signOutWide(page);
  });
}
