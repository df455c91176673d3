import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { errorReason } from "#app/utils/log.server.ts";
import { hash } from "@node-rs/argon2";
import { isUniqueViolation, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { noticeNewlyCovered } from "#app/modules/assignments/notice.server.ts";
import { env } from "#app/utils/env.server.ts";
import { generateInitialPassword } from "#app/utils/password.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { findClashes, type ValidRow } from "./validate.server.ts";

type Actor = Pick<SessionUser, "id" | "username">;
export type Credential = { username: string; name: string; unit: string; password: string };
export type CommitPhase = "hash" | "write";
export type CommitOptions = {
  /** Replaces the initial-password hash; only the 50,000-row test uses it. */
  hash?: (password: string) => Promise<string>;
  concurrency?: number;
  onProgress?: (phase: CommitPhase, done: number, total: number) => void;
  fileName?: string;
};
export type CommitResult =
  { ok: true; count: number; credentials: Credential[] } | { ok: false; message: string };

// Still Argon2id, at 4 MiB and one pass (about 1 ms): 50,000 initial passwords hash in under a
// minute instead of half an hour. They are random (~70 bits) and replaced at first login with
// the full-cost hash; login reads the parameters from the hash string. See decision 0006.
const INITIAL_HASH_OPTIONS = { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 };
// libuv runs four hashes at a time by default; more in flight only queue.
const HASH_CONCURRENCY = 4;
// Rows per INSERT: 11 parameters a row stays under SQLite's 32,766 bound parameters.
const INSERT_CHUNK = 2000;
const NOTHING = "未导入任何人员";

export function hashInitialPassword(password: string): Promise<string> {
  return hash(password, INITIAL_HASH_OPTIONS);
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  onDone: (done: number) => void,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
      if (++done % 250 === 0 || done === items.length) onDone(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function countBy<T>(items: T[], key: (item: T) => string | number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/**
 * Creates every row's account in one transaction with one USER_IMPORT audit row:
 * any failure rolls back the lot. Each account gets a random initial password
 * that must be changed at first login; the passwords are returned, never stored.
 */
export async function commitRoster(
  actor: Actor,
  ip: string | null,
  rows: ValidRow[],
  opts: CommitOptions = {},
): Promise<CommitResult> {
  const total = rows.length;
  const progress = opts.onProgress ?? (() => {});
  if (total === 0) return { ok: false, message: `文件中没有可导入的人员，${NOTHING}` };
  // The preview may be half an hour old: someone may have taken a 工号 or mobile since.
  const clashes = await findClashes(rows);
  if (clashes.length > 0) {
    return {
      ok: false,
      message: `自预览以来，第 ${clashes[0]!.line} 行等 ${clashes.length} 处工号或手机号已被系统中的用户占用。${NOTHING}，请修改后重新上传。`,
    };
  }
  const credentials = rows.map((r) => ({
    username: r.username,
    name: r.name,
    unit: r.unitLabel,
    password: generateInitialPassword(),
  }));
  const hashOne = opts.hash ?? hashInitialPassword;
  progress("hash", 0, total);
  const hashes = await mapLimit(
    credentials,
    opts.concurrency ?? HASH_CONCURRENCY,
    (c) => hashOne(c.password),
    (done) => progress("hash", done, total),
  );
  const detail = {
    count: total,
    file: opts.fileName?.slice(0, 100),
    roles: countBy(rows, (r) => r.role),
    units: Object.keys(countBy(rows, (r) => r.orgUnitId)).length,
  };
  try {
    progress("write", 0, total);
    const now = new Date();
    await write(async (tx) => {
      // Multi-row INSERTs, all in one transaction that waits on no I/O, so the write lock is
      // held only for the statements themselves (decision 0011). `fn` may run again after a
      // busy failure: progress then simply restarts from 0.
      const ids: number[] = [];
      for (let start = 0; start < total; start += INSERT_CHUNK) {
        const inserted = await tx
          .insertInto("User")
          .values(
            rows.slice(start, start + INSERT_CHUNK).map((r, i) => ({
              username: r.username,
              name: r.name,
              mobile: r.mobile,
              role: r.role,
              orgUnitId: r.orgUnitId,
              passwordHash: hashes[start + i]!,
              mustChangePassword: true,
              disabled: false,
              failedLoginCount: 0,
              createdAt: now,
              updatedAt: now,
            })),
          )
          .returning("id")
          .execute();
        for (const r of inserted) ids.push(r.id);
        progress("write", Math.min(start + INSERT_CHUNK, total), total);
      }
      // Imported into covered units: each person the notice of each live assignment, in two
      // statements for the whole file (decision 0019).
      await noticeNewlyCovered(tx, { userIds: ids }, now);
      await audit(tx, {
        actor,
        action: "USER_IMPORT",
        objectType: "user",
        result: "SUCCESS",
        ip,
        detail,
      });
    });
  } catch (error) {
    if (env().LOG_LEVEL !== "silent")
      console.error("[roster import] rolled back", errorReason(error));
    const reason =
      isUniqueViolation(error) ||
      isLoginNameClash(error) ||
      /UNIQUE constraint failed/.test(String((error as Error)?.message))
        ? "unique"
        : "error";
    await write((tx) =>
      audit(tx, {
        actor,
        action: "USER_IMPORT",
        objectType: "user",
        result: "FAILURE",
        ip,
        detail: { ...detail, reason },
      }),
    ).catch(() => {});
    if (reason === "unique")
      return {
        ok: false,
        message: `写入时发现工号或手机号已被占用（可能有人同时创建了用户）。${NOTHING}，请重新上传文件。`,
      };
    return { ok: false, message: `写入数据库时出错，已全部回滚，${NOTHING}。请稍后重试。` };
  }
  return { ok: true, count: total, credentials };
}
