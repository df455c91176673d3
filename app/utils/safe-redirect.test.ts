import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect.ts";

describe("redirectTo takes same-origin paths only", () => {
  it.each(["/admin/users?page=2", "/", "/account/password#x", "/laws/constitution/33"])(
    "keeps %s",
    (to) => {
      expect(safeRedirect(to)).toBe(to);
    },
  );

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
    // Issue 11 item 3: paths that only become "//evil.com" once normalised.
    "/.//evil.com",
    "/..//evil.com",
    "/%2e//evil.com",
    "/%2E%2E//evil.com",
    "/a/..//evil.com",
    "/a/b/../..//evil.com",
    "/./\\evil.com",
    "/%2f%2fevil.com",
    "/%2F/evil.com",
    "/%5c/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/.\t//evil.com",
  ])("refuses %j", (to) => {
    expect(safeRedirect(to as string)).toBe("/");
  });

  const piece = fc.constantFrom(
    "/",
    "//",
    ".",
    "..",
    "%2e",
    "%2E",
    "%2f",
    "%5C",
    "\\",
    "\t",
    "\n",
    "evil.com",
    "a",
    "?",
    "#",
    "@",
    ":",
    "%",
    "%09",
    "%00",
    " ",
    "javascript:",
    "https:",
  );
  const candidate = fc.oneof(
    fc.array(piece, { maxLength: 10 }).map((parts) => parts.join("")),
    fc.string({ unit: "binary", maxLength: 40 }),
  );

  it("property: whatever the input, the result is a path on our own origin that stays the same when normalised again", () => {
    fc.assert(
      fc.property(candidate, (to) => {
        const result = safeRedirect(to);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(result.startsWith("/\\")).toBe(false);
        // Resolved the way a browser resolves a Location header, from any page of ours.
        for (const from of ["https://fzxt.example/", "https://fzxt.example/a/b/c?x=1"])
          expect(new URL(result, from).host).toBe("fzxt.example");
        expect(safeRedirect(result)).toBe(result);
      }),
      { numRuns: 5000 },
    );
  });
});
