import { describe, expect, it } from "vitest";
import { write } from "#app/data/db.server.ts";
import { getUser } from "#app/utils/auth.server.ts";
import { REQUEST_ID_HEADER } from "#app/utils/request.server.ts";
import { requestWithCookie } from "./helpers.ts";
import { signedInUser } from "./session-helpers.ts";

// Issue 14: Remix hands each loader its own copy of the Request, so the session was looked up
// once per loader. The copies of one GET share one lookup, known by the request id the server
// puts into the headers (app/utils/auth.server.ts); nothing else shares it.

const copy = (cookie: string, requestId: string | null, method = "GET") =>
  requestWithCookie(cookie, "http://localhost/learn", {
    method,
    headers: requestId ? { [REQUEST_ID_HEADER]: requestId } : {},
  });

const dropSessions = (userId: number) =>
  write((tx) => tx.deleteFrom("Session").where("userId", "=", userId).execute());

describe("the session, looked up once per request", () => {
  it("the loaders' copies of one GET share the lookup: a session deleted after the first loader read it is still this request's", async () => {
    const { user, cookie } = await signedInUser();
    expect((await getUser(copy(cookie, "req-a1")))?.id).toBe(user.id);
    await dropSessions(user.id);
    // Another copy of the same request (same id, same cookie): the lookup already made.
    expect((await getUser(copy(cookie, "req-a1")))?.id).toBe(user.id);
    // The next request (another id) reads the database again: signed out.
    expect(await getUser(copy(cookie, "req-a2"))).toBeNull();
  });

  it("never shares across requests without the server's id, another cookie, or a POST (whose action may change the session)", async () => {
    const { user, cookie } = await signedInUser();
    const other = await signedInUser();
    expect((await getUser(copy(cookie, null)))?.id).toBe(user.id);
    expect((await getUser(copy(cookie, "req-b1", "POST")))?.id).toBe(user.id);
    // Same id, another user's cookie: his own lookup.
    expect((await getUser(copy(other.cookie, "req-b1")))?.id).toBe(other.user.id);
    await dropSessions(user.id);
    expect(await getUser(copy(cookie, null))).toBeNull();
    expect(await getUser(copy(cookie, "req-b1", "POST"))).toBeNull();
  });
});
