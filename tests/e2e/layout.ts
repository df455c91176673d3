import { expect, type Page, type TestInfo } from "@playwright/test";

/**
 * The page does not scroll sideways at the current viewport width: the document is no wider than
 * the viewport's content box (scrollbars excluded on both sides; one pixel for sub-pixel rounding).
 */
export async function expectNoSidewaysScroll(page: Page, what = "the page") {
  const over = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(over, `no sideways scrolling on ${what}`).toBeLessThanOrEqual(1);
}

/** A full-page screenshot kept in the test's output folder and attached to the report. */
export async function shot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
