// A second process for the shared rate limit (rate-limit-suite.ts): N parallel increments of
// one key on the parent's database (DATABASE_URL from the parent); prints the counts it got.
import { closeDb, db, WRITE_WAIT_MS } from "#app/data/db.server.ts";
import { readyThenGo } from "./race-child.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";
import { staggered } from "./rate-limit-suite.ts";

const [prefix, key, count] = process.argv.slice(2);
const store = new DatabaseRateLimitStore(prefix!, { waitMs: WRITE_WAIT_MS });
store.init({ windowMs: 60_000 } as Parameters<typeof store.init>[0]);
// The connection open before the parent's go, so both sides start at once.
await db().selectFrom("JobRun").select("job").limit(1).execute();
await readyThenGo();
const hits = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    staggered(i).then(() => store.increment(key!).then((r) => r.totalHits)),
  ),
);
console.log(JSON.stringify(hits));
await closeDb();
