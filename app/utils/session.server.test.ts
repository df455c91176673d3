import { describe, expect, it } from "vitest";
import { clearSessionCookie, commitSessionCookie, readSessionToken } from "./session.server.ts";

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
});
