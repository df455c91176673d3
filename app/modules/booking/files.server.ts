import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "#app/utils/env.server.ts";
import type { FileFormat } from "./file-check.server.ts";

// Booking files live in FILES_DIR (default data/files, never under public/) under
// a random server-generated name; the original name is kept in the database for display only.
export type StoredFile = {
  originalName: string;
  storedName: string;
  format: FileFormat;
  size: number;
  sha256: string;
};

export function filesDir(): string {
  const dir = path.resolve(env().FILES_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Only names we generate (32 hex characters) ever reach the file system. */
export function storedPath(storedName: string): string {
  if (!/^[0-9a-f]{32}$/.test(storedName)) throw new Error("invalid stored file name");
  return path.join(filesDir(), storedName);
}

/** How a file reaches the disk; tests pass one that fails like a full disk. */
export type WriteFile = (file: string, bytes: Buffer) => void;
const writeNew: WriteFile = (file, bytes) =>
  fs.writeFileSync(file, bytes, { flag: "wx", mode: 0o600 });

/** Writes one file under a new random name; a failed write removes what it left (partial or 0 bytes). */
export function storeFile(
  originalName: string,
  format: FileFormat,
  bytes: Buffer,
  write: WriteFile = writeNew,
): StoredFile {
  const storedName = crypto.randomBytes(16).toString("hex");
  const file = storedPath(storedName);
  try {
    write(file, bytes);
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return {
    originalName,
    storedName,
    format,
    size: bytes.length,
    sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
  };
}

/** Removes files written for a request that then failed, so nothing is left behind. */
export function discardFiles(files: Pick<StoredFile, "storedName">[]): void {
  for (const f of files) fs.rmSync(storedPath(f.storedName), { force: true });
}

export const CONTENT_TYPES: Record<FileFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Content-Disposition for a download: always an attachment; an ASCII fallback
 * plus the real name percent-encoded as RFC 5987/6266 filename*.
 */
export function attachmentDisposition(name: string, fallbackExt: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="download.${fallbackExt}"; filename*=UTF-8''${encoded}`;
}
