import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import { isHttps } from "./request.server.ts";
import {
  needsTouch,
  newSessionTimes,
  sessionStatus,
  SESSION_ABSOLUTE_MS,
} from "./session-policy.ts";

// The cookie holds a random token; the database keeps only its SHA-256, so the
// cookie needs no signing secret (decision 0002).
const sessionCookie = createCookie("fzxt_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_ABSOLUTE_MS / 1000,
});

function tokenId(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function readSessionToken(request: Request): Promise<string | null> {
  return tokenOf(request.headers.get("Cookie"));
}

async function tokenOf(cookieHeader: string | null): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(cookieHeader);
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

// The session id (SHA-256 of the token) of a Cookie header, for the last 256 headers up to
// 1 KB: a pure function of the header (cookie parse, base64 and JSON decode, the hash), the
// same on every request of a signed-in browser (issue 14). Nothing from the database is kept,
// so a logout or expiry elsewhere is seen at once: the id is still looked up per request.
const idByHeader = new Map<string, string | null>();
const KEPT_HEADERS = 256;
const KEPT_HEADER_LENGTH = 1024;

export async function sessionIdOf(cookieHeader: string | null): Promise<string | null> {
  if (!cookieHeader) return null;
  const kept = idByHeader.get(cookieHeader);
  if (kept !== undefined) return kept;
  const token = await tokenOf(cookieHeader);
  const id = token ? tokenId(token) : null;
  if (cookieHeader.length <= KEPT_HEADER_LENGTH) {
    idByHeader.set(cookieHeader, id);
    if (idByHeader.size > KEPT_HEADERS) idByHeader.delete(idByHeader.keys().next().value!);
  }
  return id;
}

/** Inserts a new session inside the caller's `write()` transaction; returns the cookie token. */
export async function createSession(
  tx: Kysely<DB>,
  userId: number,
  ip: string | null,
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const data = { id: tokenId(token), userId, ip, ...newSessionTimes(new Date()) };
  await tx.insertInto("Session").values(data).execute();
  return token;
}

export function commitSessionCookie(request: Request, token: string): Promise<string> {
  return sessionCookie.serialize(token, { secure: isHttps(request) });
}

export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

/** Deletes the session of `token` inside the caller's `write()` transaction. */
export async function deleteSessionByToken(tx: Kysely<DB>, token: string): Promise<void> {
  await tx.deleteFrom("Session").where("id", "=", tokenId(token)).execute();
}

export type SessionUser = {
  sessionId: string;
  id: number;
  username: string;
  name: string;
  role: string;
  mustChangePassword: boolean;
  orgUnitId: number | null;
  orgUnitPath: string | null;
  orgUnitName: string | null;
};

// Compiled once (compiled): this runs on every request.
const lookupSession = compiled((q, id: string) =>
  q
    .selectFrom("Session as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select([
      "s.createdAt",
      "s.lastSeenAt",
      "s.expiresAt",
      "u.id",
      "u.username",
      "u.name",
      "u.role",
      "u.disabled",
      "u.mustChangePassword",
      "u.orgUnitId",
      "o.path as orgUnitPath",
      "o.name as orgUnitName",
    ])
    .where("s.id", "=", id),
);

/**
 * Whether a Cookie header carries a live session (known, active, user not disabled): the
 * public pages' rate limit spares signed-in readers with it (server/app.ts). A read only;
 * expiry and the touch stay with loadSessionUser.
 */
export async function hasLiveSession(cookieHeader: string | undefined): Promise<boolean> {
  const id = await sessionIdOf(cookieHeader ?? null);
  if (!id) return false;
  const row = await lookupSession.first(db(), id);
  return Boolean(row && !row.disabled && sessionStatus(row, new Date()) === "active");
}

/**
 * The signed-in user, or null when the cookie is missing, unknown, idle, expired
 * or the user is disabled. Runs on every request: one indexed join on the shared
 * handle; a write (the touch, at most once per SESSION_TOUCH_MS) only when due.
 */
export async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const id = await sessionIdOf(request.headers.get("Cookie"));
  if (!id) return null;
  const row = await lookupSession.first(db(), id);
  if (!row) return null;
  const now = new Date();
  if (sessionStatus(row, now) !== "active" || row.disabled) {
    await write((tx) => tx.deleteFrom("Session").where("id", "=", id).execute());
    return null;
  }
  if (needsTouch(row, now)) {
    await write((tx) =>
      tx.updateTable("Session").set({ lastSeenAt: now }).where("id", "=", id).execute(),
    );
  }
  return {
    sessionId: id,
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    orgUnitId: row.orgUnitId,
    orgUnitPath: row.orgUnitPath,
    orgUnitName: row.orgUnitName,
  };
}
