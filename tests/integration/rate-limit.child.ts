// A second process for the shared rate limit (rate-limit-suite.ts): N parallel increments of
// one key on the parent's database (DATABASE_URL from the parent); prints the counts it got.
import { closeDb } from "#app/data/db.server.ts";
import { DatabaseRateLimitStore } from "#app/utils/rate-limit-store.server.ts";

const [prefix, key, count, startAt] = process.argv.slice(2);
const store = new DatabaseRateLimitStore(prefix!);
store.init({ windowMs: 60_000 } as Parameters<typeof store.init>[0]);
// Both processes begin at the same moment, so their hits interleave.
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const hits = await Promise.all(
  Array.from({ length: Number(count) }, () => store.increment(key!).then((r) => r.totalHits)),
);
console.log(JSON.stringify(hits));
await closeDb();
