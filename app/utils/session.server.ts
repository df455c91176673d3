import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import { ensureDbReady, prisma, stmt, type Db } from "./db.server.ts";
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
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export async function createSession(db: Db, userId: number, ip: string | null): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id: tokenId(token), userId, ip, ...newSessionTimes(new Date()) },
    select: { id: true },
  });
  return token;
}

export function commitSessionCookie(request: Request, token: string): Promise<string> {
  return sessionCookie.serialize(token, { secure: isHttps(request) });
}

export function clearSessionCookie(request: Request): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0, expires: new Date(0), secure: isHttps(request) });
}

export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: tokenId(token) } });
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

type SessionRow = {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  id: number;
  username: string;
  name: string;
  role: string;
  disabled: number;
  mustChangePassword: number;
  orgUnitId: number | null;
  orgUnitPath: string | null;
  orgUnitName: string | null;
};

/**
 * The signed-in user, or null when the cookie is missing, unknown, idle, expired
 * or the user is disabled. Runs on every request: one SQL join on the raw reader
 * (about 30x cheaper than the three Prisma queries it replaces); writes go
 * through Prisma.
 */
export async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  await ensureDbReady();
  const id = tokenId(token);
  const lookup = stmt(
    `SELECT s.createdAt, s.lastSeenAt, s.expiresAt, u.id, u.username, u.name, u.role, u.disabled, u.mustChangePassword,
            u.orgUnitId, o.path AS orgUnitPath, o.name AS orgUnitName
       FROM Session s JOIN User u ON u.id = s.userId LEFT JOIN OrgUnit o ON o.id = u.orgUnitId
      WHERE s.id = ?`,
  );
  const row = lookup.get(id) as SessionRow | undefined;
  if (!row) return null;
  const now = new Date();
  const times = {
    createdAt: new Date(row.createdAt),
    lastSeenAt: new Date(row.lastSeenAt),
    expiresAt: new Date(row.expiresAt),
  };
  if (sessionStatus(times, now) !== "active" || row.disabled) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (needsTouch(times, now)) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: id,
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    mustChangePassword: Boolean(row.mustChangePassword),
    orgUnitId: row.orgUnitId,
    orgUnitPath: row.orgUnitPath,
    orgUnitName: row.orgUnitName,
  };
}
