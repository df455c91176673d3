import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("redirectTo takes same-origin paths only", () => {
  it.each(["/admin/users?page=2", "/", "/account/password#x"])("keeps %s", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "/ok\r\nSet-Cookie: x=1",
    "/\u0000",
    "",
    null,
    undefined,
  ])("refuses %j", (to) => {
    expect(safeRedirect(to as string)).toBe("/");
  });
});
