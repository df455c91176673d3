import { redirect } from "@remix-run/node";
import { write } from "#app/data/db.server.ts";
import { audit, type AuditEntry } from "#app/data/audit.server.ts";
import { clientIp, REQUEST_ID_HEADER } from "./request.server.ts";
import type { Role } from "./roles.ts";
import { loadSessionUser, type SessionUser } from "./session.server.ts";
import { isInSubtree } from "./org-path.ts";

export type { SessionUser };

export const CHANGE_PASSWORD_PATH = "/account/password";

// One session lookup per request. Remix hands each loader its own copy of the Request
// (@remix-run/server-runtime strips its `index` and `_routes` parameters into a new one), so the
// copies are known by the request id the server puts into every request's headers
// (REQUEST_ID_HEADER, never the client's) together with the Cookie header. Only a GET's or
// HEAD's loaders share it: a POST's action may change the session before its loaders run.
// Keys name one request each, so an entry is never reused by another; the last 256 are kept.
const byObject = new WeakMap<Request, Promise<SessionUser | null>>();
const byRequest = new Map<string, Promise<SessionUser | null>>();
const KEPT_REQUESTS = 256;

function requestKey(request: Request): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const id = request.headers.get(REQUEST_ID_HEADER);
  return id ? `${id}\u0000${request.headers.get("Cookie") ?? ""}` : null;
}

/** The signed-in user or null; never throws. */
export function getUser(request: Request): Promise<SessionUser | null> {
  let pending = byObject.get(request);
  if (pending) return pending;
  const key = requestKey(request);
  pending = (key && byRequest.get(key)) || loadSessionUser(request);
  byObject.set(request, pending);
  if (key && !byRequest.has(key)) {
    byRequest.set(key, pending);
    if (byRequest.size > KEPT_REQUESTS) byRequest.delete(byRequest.keys().next().value!);
  }
  return pending;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const search = back && back !== "/" ? `?${new URLSearchParams({ redirectTo: back })}` : "";
  return redirect(`/login${search}`, { headers: { "Cache-Control": "no-store" } });
}

/**
 * A signed-in user, or a redirect to the login page. A user who must change the
 * initial password is sent to that page first, whatever he asked for.
 */
export async function requireUser(
  request: Request,
  opts: { allowPendingPasswordChange?: boolean } = {},
): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw loginRedirect(request);
  if (user.mustChangePassword && !opts.allowPendingPasswordChange) {
    throw redirect(CHANGE_PASSWORD_PATH);
  }
  return user;
}

/** Records the denial and throws a 403 with a Chinese message. */
export async function deny(request: Request, user: SessionUser, reason: string): Promise<never> {
  const entry: AuditEntry = {
    actor: user,
    action: "PERMISSION_DENIED",
    objectType: "route",
    objectId: new URL(request.url).pathname.slice(0, 200),
    result: "DENIED",
    ip: clientIp(request),
    detail: { reason, method: request.method },
  };
  await write((tx) => audit(tx, entry));
  throw new Response("您没有权限访问此页面", { status: 403, statusText: "Forbidden" });
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!(roles as readonly string[]).includes(user.role)) {
    await deny(request, user, `role ${user.role} not in ${roles.join(",")}`);
  }
  return user;
}

/**
 * For a MANAGER the unit must be his own or below it; an ADMIN sees every unit;
 * every other role is refused.
 */
export async function requireOrgScope(
  request: Request,
  user: SessionUser,
  unitPath: string,
): Promise<void> {
  if (user.role === "ADMIN") return;
  if (user.role === "MANAGER" && user.orgUnitPath && isInSubtree(unitPath, user.orgUnitPath))
    return;
  await deny(request, user, "org unit outside scope");
}
