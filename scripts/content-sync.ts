// `npm run content:sync` validates content/courses and loads it into DATABASE_URL;
// `npm run content:check` only validates. Both exit 1 listing file:line: message.
// Then it records the statute versions the courses' citations resolve in and flags
// citations of articles changed in a newer version (decision 0015, part 7).
// `--add DIR` loads only the courses in DIR and leaves the others active (test fixtures).
import path from "node:path";
import { COURSES_DIR } from "../app/modules/content/load.server.ts";
import { courseCitations } from "../app/modules/laws/citations.server.ts";
import { libraryVersions, recordVersions } from "../app/modules/laws/citation-flags.server.ts";
import { lawEntries } from "../app/modules/laws/library.server.ts";
import { recordLawVersions } from "../app/modules/policy/express.server.ts";
import { loadCourses } from "../app/modules/content/load.server.ts";
import { syncCourses } from "../app/modules/content/sync.server.ts";
import { closeDatabase, ensureDbReady } from "../app/data/ready.server.ts";
import { env } from "../app/utils/env.server.ts";

const checkOnly = process.argv.includes("--check");
const addAt = process.argv.indexOf("--add");
const root = addAt > 0 ? path.resolve(process.argv[addAt + 1] ?? "") : COURSES_DIR;
const { courses, errors } = loadCourses(root, env().READING_TIME_SCALE);
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
for (const r of await syncCourses(courses, new Date(), { deactivateOthers: addAt < 0 }))
  console.log(`content: ${r.slug} version ${r.version}${r.changed ? " (new)" : ""}`);
const { flagged } = await recordVersions({
  versions: libraryVersions(lawEntries().values()),
  citations: courseCitations(root),
  courseVersions: Object.fromEntries(courses.map((c) => [c.slug, c.version])),
});
if (flagged > 0)
  console.log(`content: ${flagged} citation(s) of amended articles to review at /admin/citations`);
// 新法速递: a draft for the 政策法规科 for each newly loaded law version (decision 0023).
const express = await recordLawVersions(lawEntries().values());
if (express.created > 0)
  console.log(`content: ${express.created} 新法速递 draft(s) at /policy/manage`);
await closeDatabase();
