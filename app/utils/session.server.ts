import { createCookie } from "@remix-run/node";
import crypto from "node:crypto";
import { ensureDbReady, prisma, type Db } from "./db.server.ts";
import { isHttps } from "./request.server.ts";
import { needsTouch, newSessionTimes, sessionStatus, SESSION_ABSOLUTE_MS } from "./session-policy.ts";

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

/** The signed-in user, or null when the cookie is missing, unknown, idle, expired or the user is disabled. */
export async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  await ensureDbReady();
  const id = tokenId(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: {
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          username: true,
          name: true,
          role: true,
          disabled: true,
          mustChangePassword: true,
          orgUnit: { select: { id: true, path: true, name: true } },
        },
      },
    },
  });
  if (!session) return null;
  const now = new Date();
  if (sessionStatus(session, now) !== "active" || session.user.disabled) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (needsTouch(session, now)) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    sessionId: id,
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    orgUnitId: user.orgUnit?.id ?? null,
    orgUnitPath: user.orgUnit?.path ?? null,
    orgUnitName: user.orgUnit?.name ?? null,
  };
}
