import { write } from "#app/data/db.server.ts";
import { login } from "#app/modules/auth/login.server.ts";
import { commitSessionCookie, createSession } from "#app/utils/session.server.ts";
import { makeUser } from "./helpers.ts";

// Sessions for integration tests, with the real cookie encoding, so a test cannot pass on a
// cookie the app would never read.

/** The Cookie header value (name=value) the app reads for this session token. */
export async function sessionCookie(token: string): Promise<string> {
  return (await commitSessionCookie(new Request("http://localhost/"), token)).split(";")[0]!;
}

/** A session written straight into the table for this user (no login); its Cookie value. */
export async function sessionCookieOf(userId: number, ip: string | null = null): Promise<string> {
  return sessionCookie(await write((tx) => createSession(tx, userId, ip)));
}

/** The real login, with no client address; the test users' password unless another is given. */
export function loginAs(
  username: string,
  password = "Test@2026x",
  previousToken: string | null = null,
) {
  return login({ username, password, ip: null, previousToken });
}

/** A new user (makeUser's options) signed in through the real login: user, token and cookie. */
export async function signedInUser(opts: Parameters<typeof makeUser>[0] = {}) {
  const user = await makeUser(opts);
  const r = await loginAs(user.username, opts.password);
  if (!r.ok) throw new Error(`login of ${user.username} failed: ${r.message}`);
  return { user, token: r.token, cookie: await sessionCookie(r.token) };
}
