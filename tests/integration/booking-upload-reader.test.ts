import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WriteFile } from "#app/modules/booking/files.server.ts";
import { checkAndStore, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { readRosterUpload } from "#app/modules/roster/upload.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { realPdf } from "../fixtures/booking/files.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upload-reader-"));
beforeAll(() => {
  process.env.FILES_DIR = dir;
  resetEnvCache();
});
const LIMITS = { maxFileMb: 1, maxFiles: 5 };
const B = "----WebKitFormBoundaryQ7x";

/** A multipart body built byte by byte as Chromium sends it (raw UTF-8 in the headers). */
function chromiumBody(parts: { name: string; filename?: string; bytes: Buffer | string }[]) {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      p.filename === undefined
        ? `form-data; name="${p.name}"`
        : `form-data; name="${p.name}"; filename="${p.filename}"`;
    const type = p.filename === undefined ? "" : "Content-Type: application/octet-stream\r\n";
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.bytes) ? p.bytes : Buffer.from(p.bytes));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

/** A request whose body stream counts how many bytes the reader pulled. */
function request(body: Buffer) {
  const pulled = { bytes: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.length) return controller.close();
      const chunk = body.subarray(offset, offset + 64 * 1024);
      offset += chunk.length;
      pulled.bytes += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  const req = new Request("http://localhost/consult/new", {
    method: "POST",
    headers: {
      "content-type": `multipart/form-data; boundary=${B}`,
      "content-length": String(body.length),
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return { req, pulled };
}

describe("the booking upload reader", () => {
  it('treats an untouched file input (an empty part with filename="", as Chromium sends it) as no file', async () => {
    const { req } = request(
      chromiumBody([
        { name: "topic", bytes: "劳动合同咨询" },
        { name: "files", filename: "", bytes: Buffer.alloc(0) },
      ]),
    );
    const r = await readUploadForm(req, LIMITS);
    expect(r.ok && r.files).toEqual([]);
    expect(r.ok && r.form.get("topic")).toBe("劳动合同咨询");
    expect(r.ok && r.form.has("files")).toBe(false);
  });

  it("still reads a named file of 0 bytes as a file (the content check then refuses it)", async () => {
    const { req } = request(chromiumBody([{ name: "files", filename: "空.pdf", bytes: "" }]));
    const r = await readUploadForm(req, LIMITS);
    expect(r.ok && r.files.map((f) => [f.name, f.bytes.length])).toEqual([["空.pdf", 0]]);
  });

  it("accepts any RFC 7578 file name, including = and ; and raw UTF-8", async () => {
    const names = ["合同=终稿.pdf", "a;b=c.pdf", "采购 合同（2026）; 终稿=v2.pdf"];
    const { req } = request(
      chromiumBody(names.map((filename) => ({ name: "files", filename, bytes: realPdf() }))),
    );
    const r = await readUploadForm(req, LIMITS);
    expect(r.ok && r.files.map((f) => f.name)).toEqual(names);
  });

  it("answers a file past the limit with the Chinese 文件过大 413 only after reading the whole body", async () => {
    const body = chromiumBody([
      { name: "files", filename: "大文件.pdf", bytes: realPdf(1024 * 1024 + 1) },
      { name: "topic", bytes: "x" },
    ]);
    const { req, pulled } = request(body);
    expect(await readUploadForm(req, { maxFileMb: 1, maxFiles: 1 })).toMatchObject({
      ok: false,
      status: 413,
      message: expect.stringMatching(/^文件过大/),
    });
    // Read to the end: a browser still sending gets the answer, not a reset connection.
    expect(pulled.bytes).toBe(body.length);
  });

  it("stops reading a body without a declared length past the bound (413)", async () => {
    const body = chromiumBody(
      Array.from({ length: 8 }, (_, i) => ({
        name: "files",
        filename: `${i}.pdf`,
        bytes: realPdf(1024 * 1024),
      })),
    );
    const { req, pulled } = request(body);
    req.headers.delete("content-length");
    expect(await readUploadForm(req, LIMITS, 2 * 1024 * 1024)).toMatchObject({
      ok: false,
      status: 413,
    });
    expect(pulled.bytes).toBeLessThan(body.length);
  });
});

describe("the roster upload reader (the same multipart reader)", () => {
  it("accepts a file named with = and ;, and answers an untouched file input as no file chosen", async () => {
    const csv = "工号,姓名\nA1,张三\n";
    const named = await readRosterUpload(
      request(
        chromiumBody([
          { name: "intent", bytes: "upload" },
          { name: "file", filename: "名单=2026;终稿.csv", bytes: csv },
        ]),
      ).req,
    );
    expect(named).toEqual({ ok: true, name: "名单=2026;终稿.csv", bytes: Buffer.from(csv) });
    const none = await readRosterUpload(
      request(
        chromiumBody([
          { name: "intent", bytes: "upload" },
          { name: "file", filename: "", bytes: "" },
        ]),
      ).req,
    );
    expect(none).toEqual({ ok: false, status: 400, message: "请选择要导入的文件" });
  });
});

describe("storing uploads on a failing disk", () => {
  // why: a full disk cannot be produced portably in a test; this writer fails the way
  // fs.writeFileSync does on ENOSPC, after half the bytes (or none) reached the file.
  const fullDisk =
    (partial: boolean): WriteFile =>
    (file, bytes) => {
      fs.writeFileSync(file, partial ? bytes.subarray(0, bytes.length / 2) : "", { flag: "wx" });
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };

  it("answers a full disk with a Chinese 507 and leaves no partial or 0-byte files behind", () => {
    const before = fs.readdirSync(dir);
    for (const partial of [true, false]) {
      const r = checkAndStore(
        [
          { name: "a.pdf", bytes: realPdf() },
          { name: "b.pdf", bytes: realPdf() },
        ],
        fullDisk(partial),
      );
      expect(r).toEqual({
        ok: false,
        status: 507,
        message: expect.stringContaining("存储空间不足"),
      });
    }
    expect(fs.readdirSync(dir)).toEqual(before);
  });

  it("removes the files already written when a later one fails", () => {
    const before = fs.readdirSync(dir);
    let calls = 0;
    const secondFails: WriteFile = (file, bytes) => {
      if (++calls === 2) return fullDisk(true)(file, bytes);
      fs.writeFileSync(file, bytes, { flag: "wx" });
    };
    const r = checkAndStore(
      [
        { name: "a.pdf", bytes: realPdf() },
        { name: "b.pdf", bytes: realPdf() },
      ],
      secondFails,
    );
    expect(r).toMatchObject({ ok: false, status: 507 });
    expect(fs.readdirSync(dir)).toEqual(before);
  });

  // A real full disk where the machine allows it (root with mount rights, as on CI): FILES_DIR on
  // a 64 KB tmpfs. Elsewhere the injected writer above covers the same path.
  const tiny = path.join(os.tmpdir(), `full-disk-${process.pid}`);
  fs.mkdirSync(tiny, { recursive: true });
  const mounted =
    process.getuid?.() === 0 &&
    spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny]).status === 0;
  afterAll(() => {
    if (mounted) spawnSync("umount", [tiny]);
    fs.rmSync(tiny, { recursive: true, force: true });
  });

  it.skipIf(!mounted)(
    "on a really full disk (a 64 KB tmpfs) answers 507 and leaves the directory empty",
    () => {
      process.env.FILES_DIR = tiny;
      resetEnvCache();
      try {
        const r = checkAndStore([
          { name: "a.pdf", bytes: realPdf(40 * 1024) },
          { name: "b.pdf", bytes: realPdf(40 * 1024) },
        ]);
        expect(r).toMatchObject({ ok: false, status: 507 });
        expect(fs.readdirSync(tiny)).toEqual([]);
      } finally {
        process.env.FILES_DIR = dir;
        resetEnvCache();
      }
    },
  );
});
