import { describe, expect, it } from "vitest";
import { realPdf } from "../../../tests/fixtures/booking/files.ts";
import { benignPdfs, hostilePdfs } from "../../../tests/fixtures/booking/pdfs.ts";
import { checkUpload } from "./file-check.server.ts";
import { pdfActiveContent } from "./pdf-check.server.ts";

describe("PDF active content (scripts, launch actions, embedded files) is refused", () => {
  for (const [name, { pdf, names }] of Object.entries(hostilePdfs())) {
    it(`refuses ${name} with a Chinese reason naming what was found`, () => {
      const r = checkUpload("合同.pdf", pdf);
      expect(r).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^PDF 含有(不允许的活动内容|无法检查的压缩对象)/),
      });
      expect(!r.ok && r.message).toMatch(names);
    });
  }

  for (const [name, pdf] of Object.entries({
    ...benignPdfs(),
    minimal: realPdf(),
    padded: realPdf(1024 * 1024),
  })) {
    it(`accepts a benign PDF: ${name}`, () => {
      expect(pdfActiveContent(pdf)).toBeNull();
      expect(checkUpload("合同.pdf", pdf)).toEqual({ ok: true, format: "pdf" });
    });
  }

  it("checks a 10 MB PDF quickly", () => {
    const big = realPdf(10 * 1024 * 1024);
    const t = performance.now();
    expect(pdfActiveContent(big)).toBeNull();
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
