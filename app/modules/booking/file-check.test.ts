import { describe, expect, it } from "vitest";
import {
  docmAsDocx,
  HTML_AS_PDF,
  realDocx,
  realPdf,
  zip,
  zipBomb,
  zipSlip,
} from "../../../tests/fixtures/booking/files.ts";
import { checkUpload, displayName, unsafeEntryName } from "./file-check.server.ts";

describe("upload content checks", () => {
  it("accepts a real PDF", () =>
    expect(checkUpload("合同.pdf", realPdf())).toEqual({ ok: true, format: "pdf" }));
  it("accepts a real DOCX", () =>
    expect(checkUpload("合同.docx", realDocx())).toEqual({ ok: true, format: "docx" }));

  it("refuses HTML renamed .pdf (PDF magic bytes)", () => {
    expect(checkUpload("合同.pdf", HTML_AS_PDF)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/不是有效的 PDF/),
    });
  });

  it("refuses a .docm renamed .docx (vbaProject.bin)", () => {
    expect(checkUpload("合同.docx", docmAsDocx())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/宏/),
    });
  });

  it("refuses a zip bomb by its declared sizes before inflating", () => {
    expect(checkUpload("合同.docx", zipBomb())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/压缩炸弹/),
    });
  });

  it("refuses a zip with too many entries", () => {
    const many = zip(
      Array.from({ length: 1001 }, (_, i) => ({ name: `word/p${i}.xml`, data: Buffer.from("x") })),
    );
    expect(checkUpload("合同.docx", many)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/过多/),
    });
  });

  it("refuses a zip-slip entry name (..)", () => {
    expect(checkUpload("合同.docx", zipSlip())).toMatchObject({
      ok: false,
      message: expect.stringMatching(/非法路径/),
    });
    for (const n of ["../a", "a/../../b", "/etc/passwd", "C:/x", "a\\..\\b"])
      expect(unsafeEntryName(n), n).toBe(true);
    expect(unsafeEntryName("word/document.xml")).toBe(false);
  });

  it("refuses an empty file", () =>
    expect(checkUpload("合同.pdf", Buffer.alloc(0))).toMatchObject({
      ok: false,
      message: "文件为空，请重新选择",
    }));

  it("refuses other types and a PDF named .docx", () => {
    expect(checkUpload("合同.doc", realPdf())).toMatchObject({
      ok: false,
      message: "只能上传 PDF 或 DOCX 文件",
    });
    expect(checkUpload("合同.docx", realPdf())).toMatchObject({ ok: false });
    expect(checkUpload("合同.pdf", realDocx())).toMatchObject({ ok: false });
  });

  it("a zip that is not a Word document is refused", () => {
    expect(checkUpload("a.docx", zip([{ name: "a.txt", data: Buffer.from("x") }]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Word/),
    });
  });

  it("display names drop folders and control characters", () => {
    expect(displayName("C:\\fakepath\\合同\u0007.pdf")).toBe("合同.pdf");
    expect(displayName("../../etc/passwd")).toBe("passwd");
  });
});
