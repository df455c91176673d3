// Where PostgreSQL's programs are: PG_BIN, else the newest /usr/lib/postgresql/<major>/bin
// (Debian's `postgresql` package; not on PATH), else null.
import fs from "node:fs";
import path from "node:path";

export function pgBinDir(need = ["initdb", "pg_ctl"]): string | null {
  const candidates = [process.env.PG_BIN];
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root))
    for (const major of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(root, major, "bin"));
  for (const dir of candidates)
    if (dir && need.every((program) => fs.existsSync(path.join(dir, program)))) return dir;
  return null;
}

/** A program of the client tools (pg_dump, pg_restore): from pgBinDir, else from PATH. */
export function pgProgram(name: string): string {
  const dir = pgBinDir([name]);
  return dir ? path.join(dir, name) : name;
}
