import { describe, expect, it } from "vitest";
import { checkPhoto, PHOTO_MAX_BYTES } from "./profiles.server.ts";

const png = (extra = 0) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from([0, 0, 0, 13]),
    Buffer.from("IHDR"),
    Buffer.alloc(17 + extra),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from("IEND"),
    Buffer.from([0xae, 0x42, 0x60, 0x82]),
  ]);
const jpeg = (size = 100) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.alloc(size - 6),
    Buffer.from([0xff, 0xd9]),
  ]);

describe("expert photos are real JPEG or PNG by their bytes (issue 18)", () => {
  it("accepts a JPEG and a PNG", () => {
    expect(checkPhoto(jpeg())).toEqual({ ok: true, format: "jpg" });
    expect(checkPhoto(png())).toEqual({ ok: true, format: "png" });
  });
  it("refuses HTML, SVG, a truncated JPEG and a GIF whatever the name", () => {
    for (const bytes of [
      Buffer.from("<html><script>alert(1)</script></html>"),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
      jpeg().subarray(0, 50),
      Buffer.from("GIF89a......................................"),
    ])
      expect(checkPhoto(bytes)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/JPEG 或 PNG/),
      });
  });
  it("refuses an empty file and one over 2 MB", () => {
    expect(checkPhoto(Buffer.alloc(0))).toMatchObject({ ok: false, message: "请选择照片文件" });
    expect(checkPhoto(jpeg(PHOTO_MAX_BYTES))).toMatchObject({ ok: true });
    expect(checkPhoto(jpeg(PHOTO_MAX_BYTES + 1))).toMatchObject({
      ok: false,
      message: "照片不能超过 2 MB",
    });
  });
});
