// In-process timing of the year overview's loader (/manage/overview, decision 0010) on a copy of
// the scale database: the route's own `loader` with a real session, as the city (admin) and a
// district (manager-td), with the overview kept, with one assignment's version bumped before
// every call (a completion) and with the org tree's bumped (nothing kept). The bumps are not
// timed. Given an older copy of the route and its two modules, it times both interleaved in one
// process (the machine is shared: compare rounds, not single figures):
//   mkdir -p tests/.tmp/old && for f in app/routes/manage+/overview.tsx \
//     app/modules/assignments/overview.server.ts app/modules/assignments/rollup.server.ts; do
//     git show REV:$f > tests/.tmp/old/$(basename $f); done
//   sed -i 's#\#app/modules/assignments/overview.server.ts#./overview.server.ts#' tests/.tmp/old/overview.tsx
//   sed -i 's#"\./status\.ts"#"\#app/modules/assignments/status.ts"#' tests/.tmp/old/*.ts
//   npx tsx scripts/bench/overview.ts data/scale.db tests/.tmp/old
// Usage: npx tsx scripts/bench/overview.ts <scale.db> [old-dir]
import type { LoaderFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const source = path.resolve(process.argv[2] ?? "data/scale.db");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-overview-"));
const file = path.join(dir, "scale.db");
fs.copyFileSync(source, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "production";

const { db, write, closeDb } = await import("../../app/data/db.server.ts");
const { createSession, commitSessionCookie } = await import("../../app/utils/session.server.ts");
type Route = { loader: (args: LoaderFunctionArgs) => Promise<unknown> };
const variants: { label: string; route: Route }[] = [
  { label: "new", route: await import("../../app/routes/manage+/overview.tsx") },
];
if (process.argv[3])
  variants.push({
    label: "old",
    route: (await import(path.resolve(process.argv[3], "overview.tsx"))) as Route,
  });

const cookieOf = async (username: string) => {
  const user = await db()
    .selectFrom("User")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const token = await write((tx) => createSession(tx, user.id, null));
  return commitSessionCookie(new Request("http://localhost/"), token);
};
const viewers = [
  { label: "city (admin)", cookie: await cookieOf("admin") },
  { label: "district (manager-td)", cookie: await cookieOf("manager-td") },
];
const ids = (
  await db().selectFrom("Assignment").select("id").where("withdrawnAt", "is", null).execute()
).map((r) => r.id);
let turn = 0;
const bumps = {
  kept: async () => {},
  "1 assignment changed": () =>
    write(async (tx) => {
      await sql`UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1`.execute(tx);
      await sql`UPDATE "AssignmentVersion" SET "version" = "version" + 1 WHERE "assignmentId" = ${ids[turn++ % ids.length]}`.execute(
        tx,
      );
    }),
  "nothing kept": () =>
    write(async (tx) => {
      await sql`UPDATE "RollupVersion" SET "version" = "version" + 1`.execute(tx);
    }),
};

const ROUNDS = 3;
const N = Number(process.env.BENCH_N ?? 100);
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
for (let round = 1; round <= ROUNDS; round++) {
  for (const viewer of viewers)
    for (const [mode, bump] of Object.entries(bumps))
      for (const { label, route } of variants) {
        const request = () =>
          new Request("http://localhost/manage/overview", { headers: { Cookie: viewer.cookie } });
        for (let i = 0; i < 10; i++) {
          await bump();
          await route.loader({
            request: request(),
            params: {},
            context: { cspNonce: "", requestId: "bench" },
          });
        }
        const times: number[] = [];
        for (let i = 0; i < N; i++) {
          await bump();
          const t = performance.now();
          await route.loader({
            request: request(),
            params: {},
            context: { cspNonce: "", requestId: "bench" },
          });
          times.push(performance.now() - t);
        }
        console.log(
          `round ${round}  ${viewer.label.padEnd(22)} ${mode.padEnd(21)} ${label}: median ${quantile(times, 0.5).toFixed(2)} ms, p90 ${quantile(times, 0.9).toFixed(2)} ms`,
        );
      }
}
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
