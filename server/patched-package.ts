import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect } from "vitest";

// The check every server/*patch.test.ts starts with (issue 14): the package is at the version its
// patch in patches/ is pinned to, and each patched file the server or the browser loads carries
// the patch's marker. Without it, a test of a patched behaviour could pass against an unpatched
// package that merely happens to behave alike, or fail with a less telling message.
const require = createRequire(import.meta.url);

/** The directory of an installed package (its package.json names it), found from its entry. */
export function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === name
    )
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json of ${name}`);
    dir = parent;
  }
}

/**
 * Expects `name` installed at `version`, patches/<name>+<version>.patch present, and every file
 * (a path inside the package) to contain `marker`. Returns the files' texts, in order.
 */
export function expectPatched(
  name: string,
  version: string,
  files: readonly string[],
  marker = "fzxt patch (issue 14",
): string[] {
  const dir = packageDir(name);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
    version: string;
  };
  expect(manifest.version, `${name} is at the version its patch is pinned to`).toBe(version);
  const patch = path.resolve("patches", `${name.replace("/", "+")}+${version}.patch`);
  expect(fs.existsSync(patch), `${patch} exists`).toBe(true);
  return files.map((file) => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    expect(text.includes(marker), `${name}/${file} carries "${marker}"`).toBe(true);
    return text;
  });
}
