import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "#app/modules/booking/bookings.server.ts";
import { attachmentDisposition } from "#app/modules/booking/files.server.ts";
import { purgeFiles } from "#app/modules/booking/purge.server.ts";
import { getFileFor } from "#app/modules/booking/queries.server.ts";
import { checkAndStore, readUploadForm } from "#app/modules/booking/upload.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { realDocx, realPdf, zipBomb } from "../fixtures/booking/files.ts";
import { details, makeEnterprise, makeExpert, slotAt } from "./booking-helpers.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "files-"));
beforeAll(() => {
  process.env.FILES_DIR = dir;
  resetEnvCache();
});
const stored = () => fs.readdirSync(dir);
const LIMITS = { maxFileMb: 10, maxFiles: 5 };
const MB10 = 10 * 1024 * 1024;

function multipart(
  files: { name: string; bytes: Buffer }[],
  fields: Record<string, string> = { topic: "x" },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("files", new Blob([new Uint8Array(f.bytes)]), f.name);
  return new Request("http://localhost/consult/new", { method: "POST", body: form });
}

describe("booking uploads", () => {
  it("accepts a file of exactly the limit and refuses the limit + 1 byte with 413, storing nothing", async () => {
    const ok = await readUploadForm(
      multipart([{ name: "合同.pdf", bytes: realPdf(MB10) }]),
      LIMITS,
    );
    expect(ok.ok && ok.files[0]!.bytes.length).toBe(MB10);
    const before = stored().length;
    const big = await readUploadForm(
      multipart([{ name: "合同.pdf", bytes: realPdf(MB10 + 1) }]),
      LIMITS,
    );
    expect(big).toMatchObject({ ok: false, status: 413, message: expect.stringMatching(/10 MB/) });
    expect(stored().length).toBe(before);
  });

  it("refuses a declared body larger than all files together before reading it (413)", async () => {
    const req = new Request("http://localhost/consult/new", {
      method: "POST",
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(5 * MB10 + 100 * 1024),
      },
      body: "--x--",
    });
    expect(await readUploadForm(req, LIMITS)).toMatchObject({ ok: false, status: 413 });
  });

  it("answers malformed multipart with 400", async () => {
    const req = new Request("http://localhost/consult/new", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=abc" },
      body: '--abc\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n%PDF-1.4 no end',
    });
    expect(await readUploadForm(req, LIMITS)).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses a sixth file", async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `${i}.pdf`, bytes: realPdf() }));
    expect(await readUploadForm(multipart(six), LIMITS)).toMatchObject({
      ok: false,
      message: "最多上传 5 个文件",
    });
  });

  it("stores nothing when one file of several fails the content check", () => {
    const before = stored().length;
    expect(
      checkAndStore([
        { name: "a.pdf", bytes: realPdf() },
        { name: "b.docx", bytes: zipBomb() },
      ]),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/^b\.docx：/) });
    expect(stored().length).toBe(before);
  });

  it("stores accepted files outside public/ under a random name with their SHA-256 and size", () => {
    const bytes = realDocx();
    const r = checkAndStore([{ name: "C:\\fakepath\\采购合同.docx", bytes }]);
    if (!r.ok) throw new Error(r.message);
    const f = r.stored[0]!;
    expect(f).toMatchObject({
      originalName: "采购合同.docx",
      format: "docx",
      size: bytes.length,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
    });
    expect(f.storedName).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.readFileSync(path.join(dir, f.storedName))).toEqual(bytes);
  });

  it("downloads name the file as an attachment with the original name encoded per RFC 5987", () => {
    expect(attachmentDisposition("采购合同 (终稿).pdf", "pdf")).toBe(
      "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E9%87%87%E8%B4%AD%E5%90%88%E5%90%8C%20%28%E7%BB%88%E7%A8%BF%29.pdf",
    );
  });

  it("a file is downloadable by the enterprise, the assigned expert and ADMIN only", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const files = checkAndStore([{ name: "合同.pdf", bytes: realPdf() }]);
    if (!files.ok) throw new Error("stored");
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(3, 9)),
      files.stored,
      null,
    );
    if (!r.ok) throw new Error(r.message);
    const file = await db()
      .selectFrom("BookingFile")
      .select("id")
      .where("bookingId", "=", r.id)
      .executeTakeFirstOrThrow();
    const other = await makeEnterprise();
    const otherExpert = await makeExpert();
    expect(await getFileFor({ id: e.user.id, role: "ENTERPRISE" }, file.id)).not.toBeNull();
    expect(await getFileFor({ id: ex.user.id, role: "EXPERT" }, file.id)).not.toBeNull();
    expect(await getFileFor({ id: 1, role: "ADMIN" }, file.id)).not.toBeNull();
    expect(await getFileFor({ id: other.user.id, role: "ENTERPRISE" }, file.id)).toBeNull();
    expect(await getFileFor({ id: otherExpert.user.id, role: "EXPERT" }, file.id)).toBeNull();
    for (const role of ["STAFF", "MANAGER", "AUDITOR"])
      expect(await getFileFor({ id: e.user.id, role }, file.id)).toBeNull();
  });

  it("a failed booking removes the files it was given", async () => {
    const e = await makeEnterprise();
    const files = checkAndStore([{ name: "合同.pdf", bytes: realPdf() }]);
    if (!files.ok) throw new Error("stored");
    const r = await createBooking(
      e.user,
      e.enterpriseId,
      details(999_999, slotAt(3, 9)),
      files.stored,
      null,
    );
    expect(r.ok).toBe(false);
    expect(stored()).not.toContain(files.stored[0]!.storedName);
  });

  it("files:purge deletes files a retention period after the booking ended, and orphans, and is safe to rerun", async () => {
    const e = await makeEnterprise();
    const ex = await makeExpert();
    const files = checkAndStore([
      { name: "旧合同.pdf", bytes: realPdf() },
      { name: "新合同.pdf", bytes: realPdf() },
    ]);
    if (!files.ok) throw new Error("stored");
    const [oldFile, newFile] = files.stored;
    const a = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(3, 9)),
      [oldFile!],
      null,
    );
    const b = await createBooking(
      e.user,
      e.enterpriseId,
      details(ex.expertId, slotAt(3, 11)),
      [newFile!],
      null,
    );
    if (!a.ok || !b.ok) throw new Error("booked");
    const now = new Date();
    const cancel = (id: number, daysAgo: number) =>
      write((tx) =>
        tx
          .updateTable("Booking")
          .set({
            status: "CANCELLED",
            slotHold: `free:${id}`,
            closedAt: new Date(now.getTime() - daysAgo * 86_400_000),
          })
          .where("id", "=", id)
          .execute(),
      );
    await cancel(a.id, 181);
    await cancel(b.id, 179);
    const orphan = path.join(dir, "0".repeat(32));
    fs.writeFileSync(orphan, "left over");
    fs.utimesSync(
      orphan,
      new Date(now.getTime() - 2 * 3600_000),
      new Date(now.getTime() - 2 * 3600_000),
    );
    const r = await purgeFiles(180, now);
    expect(r.expired).toBeGreaterThanOrEqual(1);
    expect(r.orphans).toBeGreaterThanOrEqual(1);
    expect(stored()).not.toContain(oldFile!.storedName);
    expect(stored()).toContain(newFile!.storedName);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(
      await db()
        .selectFrom("BookingFile")
        .select("purgedAt")
        .where("storedName", "=", oldFile!.storedName)
        .executeTakeFirst(),
    ).toMatchObject({ purgedAt: now });
    expect(await purgeFiles(180, now)).toEqual({ expired: 0, orphans: 0 });
  });
});
