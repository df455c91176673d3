import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// root.tsx renders root's `links` itself instead of Remix's <Links /> (issue 14), which would
// also gather every matched route's `links` and CSS. This fails when a route adds either.
const ROUTES = path.resolve(import.meta.dirname, "routes");

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(tsx?|jsx?)$/.test(e.name) && !/\.test\./.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("the document's links come from root.tsx alone", () => {
  it("no route module exports links or imports a stylesheet", () => {
    const files = sources(ROUTES);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => {
      const text = fs.readFileSync(file, "utf8");
      return (
        /export\s+(const|let|function|async function)\s+links\b/.test(text) ||
        /export\s*\{[^}]*\blinks\b[^}]*\}/.test(text) ||
        /import\s+[^;]*["'][^"']+\.css(\?[^"']*)?["']/.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });
});
