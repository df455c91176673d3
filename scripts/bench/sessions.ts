// The bench's own sessions for its POST rows (quiz start and submit, booking, check-in): one
// learner or enterprise cannot drive a POST row (a second start resumes, a second booking of a
// slot is refused), so the bench writes sessions straight into the bench database for thousands
// of generated accounts, as the app does at login: the table keeps sha256(token), the cookie
// carries the token through Remix's cookie serializer.
import { createCookie } from "@remix-run/node";
import type { BenchRequest } from "autocannon";
import crypto from "node:crypto";
import { SESSION_ABSOLUTE_MS } from "../../app/utils/session-policy.ts";

/**
 * The bench's own connection to its database (bench.ts opens it with better-sqlite3), as far as
 * the POST scenarios use it.
 */
export type BenchDb = {
  prepare(sql: string): {
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    run(...params: unknown[]): { lastInsertRowid: number | bigint };
  };
  transaction(fn: () => void): () => void;
};

const COOKIE_NAME = "fzxt_session"; // app/utils/session.server.ts
const cookie = createCookie(COOKIE_NAME);
const FORM = "application/x-www-form-urlencoded";

/** Inserts one active session per user (expires in 12 h, last seen now) and returns their Cookie header values. */
export async function createSessions(
  db: BenchDb,
  userIds: number[],
  now = Date.now(),
): Promise<string[]> {
  const insert = db.prepare(
    "INSERT INTO Session (id, userId, createdAt, lastSeenAt, expiresAt, ip) VALUES (?, ?, ?, ?, ?, '127.0.0.1')",
  );
  const tokens = userIds.map(() => crypto.randomBytes(32).toString("base64url"));
  db.transaction(() => {
    userIds.forEach((userId, i) =>
      insert.run(
        crypto.createHash("sha256").update(tokens[i]!).digest("hex"),
        userId,
        now,
        now,
        now + SESSION_ABSOLUTE_MS,
      ),
    );
  })();
  const cookies: string[] = [];
  for (const token of tokens) cookies.push((await cookie.serialize(token)).split(";")[0]!);
  return cookies;
}

/**
 * Up to `limit` generated accounts of the scale seed (`role`, usernames starting with `prefix`:
 * S… staff, E… enterprises), enabled and past their first login, lowest ids first, each with a
 * fresh session. Throws when the database has none (`what` names them in the message).
 */
export async function generatedSessions(
  db: BenchDb,
  who: { role: "STAFF" | "ENTERPRISE"; prefix: string; what: string },
  limit: number,
): Promise<{ users: number[]; cookies: string[] }> {
  const users = (
    db
      .prepare(
        "SELECT id FROM User WHERE role = ? AND disabled = 0 AND mustChangePassword = 0 AND username LIKE ? ORDER BY id LIMIT ?",
      )
      .all(who.role, `${who.prefix}%`, limit) as { id: number }[]
  ).map((r) => r.id);
  if (users.length === 0)
    throw new Error(`bench: no ${who.what} in the database (BENCH_RESEED=1 recreates it)`);
  return { users, cookies: await createSessions(db, users) };
}

/** Makes autocannon's request a same-origin form POST of `body` to `path` with that session. */
export function asFormPost(
  req: BenchRequest & { headers: Record<string, string> },
  post: { path: string; cookie: string; origin: string; body: string },
): BenchRequest {
  req.path = post.path;
  req.headers = {
    ...req.headers,
    cookie: post.cookie,
    origin: post.origin,
    "content-type": FORM,
    accept: "text/html",
  };
  req.body = post.body;
  return req;
}
