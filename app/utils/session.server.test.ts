import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import {
  clearSessionCookie,
  commitSessionCookie,
  readSessionToken,
  sessionIdOf,
} from "./session.server.ts";

const token = "A".repeat(43);

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, path-wide, and not Secure over plain HTTP", async () => {
    const cookie = await commitSessionCookie(new Request("http://intranet.local/login"), token);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("is Secure over HTTPS", async () => {
    expect(
      await commitSessionCookie(new Request("https://fzxt.example.gov.cn/login"), token),
    ).toMatch(/; Secure/i);
  });

  it("reads back the token it wrote and refuses a malformed one", async () => {
    const cookie = (await commitSessionCookie(new Request("http://x/"), token)).split(";")[0]!;
    expect(await readSessionToken(new Request("http://x/", { headers: { Cookie: cookie } }))).toBe(
      token,
    );
    const bad = (await commitSessionCookie(new Request("http://x/"), "short")).split(";")[0]!;
    expect(
      await readSessionToken(new Request("http://x/", { headers: { Cookie: bad } })),
    ).toBeNull();
  });

  it("is cleared with an expiry in the past", async () => {
    expect(await clearSessionCookie(new Request("http://x/"))).toMatch(
      /Max-Age=0|Expires=Thu, 01 Jan 1970/,
    );
  });

  it("sessionIdOf: the SHA-256 of the cookie's token, the same when read again (kept per header)", async () => {
    const sha = (t: string) => crypto.createHash("sha256").update(t).digest("hex");
    const cookie = (await commitSessionCookie(new Request("http://x/"), token)).split(";")[0]!;
    const other = "B".repeat(43);
    const cookie2 = (await commitSessionCookie(new Request("http://x/"), other)).split(";")[0]!;
    for (let i = 0; i < 2; i++) {
      expect(await sessionIdOf(cookie)).toBe(sha(token));
      expect(await sessionIdOf(`theme=dark; ${cookie2}`)).toBe(sha(other));
      expect(await sessionIdOf("fzxt_session=short")).toBeNull();
      expect(await sessionIdOf(null)).toBeNull();
    }
    // Past the kept headers the first is computed again, with the same answer.
    for (let i = 0; i < 300; i++) await sessionIdOf(`x=${i}`);
    expect(await sessionIdOf(cookie)).toBe(sha(token));
    expect(await sessionIdOf(`pad=${"p".repeat(2000)}; ${cookie}`)).toBe(sha(token));
  });
});
