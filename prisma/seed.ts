// Seeds an empty database; a database that has any unit or user is never touched.
//   DEMO_DATA=true (default): the Anshan demo city, generated staff, one account per role.
//   DEMO_DATA=false: only the root unit and one admin who must change the password at first login.
// On the data layer (decision 0011): SQLite or PostgreSQL, whichever DATABASE_URL names.
import { closeDb, db, dialectName, write } from "../app/data/db.server.ts";
import { generateInitialPassword, hashPassword } from "../app/utils/password.server.ts";
import { env } from "../app/utils/env.server.ts";
import { anshanTree } from "./seed/anshan.ts";
import { insertConsultDemo } from "./seed/consult.ts";
import { insertPolicyDemo } from "./seed/policy.ts";
import { insertEventsDemo } from "./seed/events.ts";
import { afterCommitDemo } from "./seed/after-commit.ts";
import { insertReviewDemo } from "./seed/reviews.ts";
import { demoUserRows, GENERATED_STAFF_PASSWORD, hashDemoPasswords } from "./seed/demo-accounts.ts";
import { personName, rng } from "./seed/names.ts";
import { insertTree, insertUsers, isEmpty, type UserRow } from "./seed/writer.ts";

const config = env();
const where = dialectName() === "sqlite" ? config.DATABASE_URL : "the PostgreSQL database";

async function seed(): Promise<void> {
  if (!(await isEmpty(db()))) {
    console.log(`seed: ${where} already has data; left untouched`);
    return;
  }

  if (!config.DEMO_DATA) {
    const password = config.ADMIN_INITIAL_PASSWORD ?? generateInitialPassword(16);
    const hash = await hashPassword(password);
    await write(async (tx) => {
      await insertTree(tx, { code: "ROOT", name: "鞍山市", kind: "CITY" });
      await insertUsers(tx, [
        {
          username: "admin",
          name: "系统管理员",
          role: "ADMIN",
          orgUnitId: null,
          mobile: null,
          passwordHash: hash,
          mustChangePassword: true,
        },
      ]);
    });
    console.log(
      "seed: production database initialised with user admin, who must change the password at first login",
    );
    if (!config.ADMIN_INITIAL_PASSWORD)
      console.log(`seed: initial admin password (shown once): ${password}`);
    return;
  }

  const staffHash = await hashPassword(GENERATED_STAFF_PASSWORD);
  const demoHashes = await hashDemoPasswords(hashPassword);

  // A password nobody is told, for the second demo company (prisma/seed/reviews.ts).
  const unknownHash = await hashPassword(generateInitialPassword(16));

  const seeded = await write(async (tx) => {
    // Another process may have seeded meanwhile (two instances starting at once).
    if (!(await isEmpty(tx))) {
      console.log(`seed: ${where} already has data; left untouched`);
      return false;
    }
    const units = await insertTree(tx, anshanTree());
    const byCode = new Map(units.map((u) => [u.code, u]));
    const users: UserRow[] = demoUserRows(byCode, demoHashes);
    // Generated staff: 3 to 8 people in every leaf unit, 工号 A000001 ...
    const random = rng(2026);
    let n = 0;
    for (const unit of units.filter((u) => u.leaf)) {
      const count = 3 + Math.floor(random() * 6);
      for (let i = 0; i < count; i++) {
        n++;
        users.push({
          username: `A${String(n).padStart(6, "0")}`,
          name: personName(random),
          role: "STAFF",
          orgUnitId: unit.id,
          mobile: `139${String(10000000 + n).slice(-8)}`,
          passwordHash: staffHash,
          mustChangePassword: false,
        });
      }
    }
    await insertUsers(tx, users);
    await insertConsultDemo(tx);
    await insertPolicyDemo(tx);
    await insertEventsDemo(tx);
    await insertReviewDemo(tx, unknownHash);
    console.log(`seed: demo city with ${units.length} units and ${users.length} users`);
    return true;
  });
  if (!seeded) return;
  await afterCommitDemo();
  console.log("seed: a demo assignment with reminders sent, contract reviews and an expert photo");
}

try {
  await seed();
} finally {
  await closeDb();
}
