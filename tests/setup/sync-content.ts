// TEST_DB=pg only (global-setup.ts): syncs content/courses into the SQLite file DATABASE_URL
// names, exactly as a test file's own `syncCourses(loadCourses())` does, so the PostgreSQL
// template can be copied from it while content sync is still on Prisma (pg-pending.ts).
import { loadCourses } from "../../app/modules/content/load.server.ts";
import { syncCourses } from "../../app/modules/content/sync.server.ts";
import { ensureDbReady, prisma } from "../../app/utils/db.server.ts";

const { courses, errors } = loadCourses();
if (errors.length) throw new Error(JSON.stringify(errors));
await ensureDbReady();
await syncCourses(courses);
await prisma.$disconnect();
