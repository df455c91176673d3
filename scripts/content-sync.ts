// `npm run content:sync` validates content/courses and loads it into DATABASE_URL;
// `npm run content:check` only validates. Both exit 1 listing file:line: message.
import { loadCourses } from "../app/modules/content/load.server.ts";
import { syncCourses } from "../app/modules/content/sync.server.ts";
import { ensureDbReady, prisma } from "../app/utils/db.server.ts";
import { env } from "../app/utils/env.server.ts";

const checkOnly = process.argv.includes("--check");
const { courses, errors } = loadCourses(undefined, env().READING_TIME_SCALE);
if (errors.length > 0) {
  for (const e of errors) console.error(`${e.file}:${e.line}: ${e.message}`);
  console.error(`content: ${errors.length} error(s); nothing loaded`);
  process.exit(1);
}
if (checkOnly) {
  for (const c of courses)
    console.log(
      `content: ${c.slug} ok (${c.lessons.length} lessons, ${c.questions.length} questions, version ${c.version})`,
    );
  process.exit(0);
}
await ensureDbReady();
for (const r of await syncCourses(courses))
  console.log(`content: ${r.slug} version ${r.version}${r.changed ? " (new)" : ""}`);
await prisma.$disconnect();
