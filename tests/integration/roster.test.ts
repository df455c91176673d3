import { login } from "#app/modules/auth/login.server.ts";
import { commitRoster } from "#app/modules/roster/import.server.ts";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db, dialectName, write } from "#app/data/db.server.ts";
import { ensureDbReady } from "#app/data/ready.server.ts";
import { csvText, gbk, HEADER, seedRosterUnits, utf8 } from "../fixtures/roster/build.ts";
import { check, issuesOf } from "../fixtures/roster/check.ts";
import { countRows, makeUser, updateUser } from "./helpers.ts";

const users = () => countRows("User");
const usersNamed = (names: string[]) => countRows("User", (q) => q.where("username", "in", names));
const imports = (result: string) =>
  countRows("AuditLog", (q) => q.where("action", "=", "USER_IMPORT").where("result", "=", result));

/**
 * A real trigger on "User" that runs `body` for the row named `username`, in the test
 * database's own dialect; returns its removal.
 */
async function userTrigger(
  name: string,
  when: "BEFORE" | "AFTER",
  username: string,
  body: { sqlite: string; postgres: string },
): Promise<() => Promise<void>> {
  const ddl =
    dialectName() === "sqlite"
      ? [
          `CREATE TRIGGER ${name} ${when} INSERT ON "User" WHEN NEW.username = '${username}' BEGIN ${body.sqlite}; END`,
        ]
      : [
          `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.username = '${username}' THEN ${body.postgres}; END IF; RETURN NEW; END $$`,
          `CREATE TRIGGER ${name} ${when} INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION ${name}()`,
        ];
  await write(async (tx) => {
    for (const statement of ddl) await sql.raw(statement).execute(tx);
  });
  return () =>
    write(async (tx) => {
      if (dialectName() === "sqlite") await sql.raw(`DROP TRIGGER ${name}`).execute(tx);
      else {
        await sql.raw(`DROP TRIGGER ${name} ON "User"`).execute(tx);
        await sql.raw(`DROP FUNCTION ${name}()`).execute(tx);
      }
    });
}

const admin = { id: 999_001, username: "admin-roster" };

beforeAll(async () => {
  await ensureDbReady();
  await seedRosterUnits();
});

describe("roster import: row checks", () => {
  it("reports bad rows with their spreadsheet row number and a Chinese message per cell", async () => {
    const text = csvText([
      HEADER,
      ["C0001", "好人", "AS-SJJ-K02", "", ""],
      ["C 0002", "", "AS-SJJ-K02", "12345", "局长"],
      ["", "无工号", "AS-SJJ-K02", "", ""],
      ["C0004", "坏\u0007字符", "AS-SJJ-K02", "", ""],
      ["C0005", "<b>标签</b>", "AS-SJJ-K02", "+86 138-0000-0005", ""],
    ]);
    const { validation } = await check(utf8(text));
    expect(issuesOf(validation)).toEqual([
      "3:username:工号只能包含字母、数字、连字符和下划线，并以字母或数字开头",
      "3:name:姓名不能为空",
      "3:mobile:手机号须为 11 位中国大陆手机号，或留空",
      "3:role:角色只能是“工作人员”或“培训管理员”（或留空，默认工作人员）",
      "4:username:工号不能为空",
      "5:name:包含换行、制表符或其他控制字符",
      "6:name:姓名不能包含尖括号",
    ]);
    expect(validation.rows.map((r) => r.username)).toEqual(["C0001"]);
  });

  it("reports a duplicate 工号 within the file (ignoring case, even beside another error) and one that already exists", async () => {
    const existing = await makeUser();
    const text = csvText([
      HEADER,
      ["D0001", "甲", "AS-SJJ-K02", "", ""],
      ["d0001", "乙", "AS-SJJ-K02", "", ""],
      [existing.username, "丙", "AS-SJJ-K02", "", ""],
      ["D0002", "丁", "NO-SUCH-UNIT", "", ""],
      ["D0002", "戊", "AS-SJJ-K02", "", ""],
    ]);
    const { validation } = await check(utf8(text));
    expect(issuesOf(validation)).toEqual([
      "3:username:工号与第 2 行的工号重复（不区分大小写）",
      "4:username:系统中已有该工号（用户名）",
      expect.stringMatching(/^5:unit:找不到该单位/),
      "6:username:工号与第 5 行的工号重复（不区分大小写）",
    ]);
    expect(validation.rows.map((r) => r.username)).toEqual(["D0001"]);
  });

  it("reports a mobile used twice in the file or by an existing user, and a 工号 equal to a mobile", async () => {
    const user = await makeUser();
    await updateUser(user.id, { mobile: "13900000009" });
    const text = csvText([
      HEADER,
      ["E0001", "甲", "AS-SJJ-K02", "13900000001", ""],
      ["E0002", "乙", "AS-SJJ-K02", "13900000001", ""],
      ["E0003", "丙", "AS-SJJ-K02", "13900000009", ""],
      ["13900000001", "丁", "AS-SJJ-K02", "", ""],
      ["13900000009", "戊", "AS-SJJ-K02", "", ""],
    ]);
    const { validation } = await check(utf8(text));
    expect(issuesOf(validation)).toEqual([
      "3:mobile:手机号与第 2 行重复",
      "4:mobile:该手机号已被系统中的其他用户使用",
      "5:username:工号与第 2 行的手机号相同",
      "6:username:工号与第 4 行的手机号相同",
      "6:username:工号与系统中某用户的手机号相同",
    ]);
  });

  it("reports an unknown unit and an ambiguous unit name, and finds units by code, full path, path below the root or unique name", async () => {
    const text = csvText([
      HEADER,
      ["F0001", "甲", "as-sjj-k02", "", ""],
      ["F0002", "乙", "鞍山市 / 鞍山市数据局 / 政策法规科", "", ""],
      ["F0003", "丙", "鞍山市数据局/办公室", "", ""],
      ["F0004", "丁", "鞍山市司法局", "", ""],
      ["F0005", "戊", "办公室", "", ""],
      ["F0006", "己", "NO-SUCH-UNIT", "", ""],
    ]);
    const { validation } = await check(utf8(text));
    expect(issuesOf(validation)).toEqual([
      expect.stringMatching(/^6:unit:有 2 个单位叫这个名称，请填写单位编码/),
      expect.stringMatching(/^7:unit:找不到该单位，请填写单位编码（如 AS-SJJ-K02）或完整路径/),
    ]);
    expect(validation.rows.map((r) => r.unitLabel)).toEqual([
      "鞍山市/鞍山市数据局/政策法规科",
      "鞍山市/鞍山市数据局/政策法规科",
      "鞍山市/鞍山市数据局/办公室",
      "鞍山市/鞍山市司法局",
    ]);
  });

  it("neutralises formula-like 姓名 and 单位 cells and refuses a formula-like 工号", async () => {
    const text = csvText([
      HEADER,
      ["H0001", '=HYPERLINK("http://evil.example","点我")', "AS-SJJ-K02", "", ""],
      ["H0002", "\t@王五", "+AS-SJJ-K02", "", ""],
      ["=1+1", "甲", "AS-SJJ-K02", "", ""],
      ["-H3", "乙", "AS-SJJ-K02", "", ""],
    ]);
    const { validation } = await check(utf8(text));
    expect(validation.neutralised).toBe(3);
    expect(validation.rows.map((r) => r.name)).toEqual([
      'HYPERLINK("http://evil.example","点我")',
      "王五",
    ]);
    expect(issuesOf(validation).map((i) => i.slice(0, 11))).toEqual(["4:username:", "5:username:"]);
  });
});

describe("roster import: commit", () => {
  it("imports nothing when one row is bad: the confirmation is refused for the whole file", async () => {
    const { previewUpload, startCommit } = await import("#app/modules/roster/jobs.server.ts");
    const before = await users();
    const text = csvText([
      HEADER,
      ["K0001", "甲", "AS-SJJ-K02", "", ""],
      ["K0002", "乙", "NO-SUCH", "", ""],
      ["K0003", "丙", "AS-SJJ-K02", "", ""],
    ]);
    const preview = await previewUpload(admin, { name: "k.csv", bytes: utf8(text) });
    if (!preview.ok) throw new Error(preview.message);
    expect(preview.job.validation.rows).toHaveLength(2);
    const started = startCommit(preview.job, admin, null);
    expect(started.ok || started.message).toMatch(/还有错误，不能导入/);
    expect(await users()).toBe(before);
    expect(await usersNamed(["K0001", "K0003"])).toBe(0);
  });

  it("rolls back every row and the audit entry when the database fails in the middle of the transaction", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [
      `R${String(i).padStart(5, "0")}`,
      "某某",
      "AS-SJJ-K02",
      "",
      "",
    ]);
    const { validation } = await check(utf8(csvText([HEADER, ...rows])));
    expect(validation.issues).toEqual([]);
    const before = await users();
    const auditsBefore = await imports("SUCCESS");
    // why: a real trigger forces a failure in the third 5,000-row statement, after 10,000 rows were written in this transaction.
    const drop = await userTrigger("roster_fail", "BEFORE", "R11000", {
      sqlite: "SELECT RAISE(ABORT, 'forced failure')",
      postgres: "RAISE EXCEPTION 'forced failure'",
    });
    try {
      const result = await commitRoster(admin, null, validation.rows, {
        hash: async () => "not-a-real-hash",
      });
      expect(result.ok || result.message).toMatch(/已全部回滚，未导入任何人员/);
    } finally {
      await drop();
    }
    expect(await users()).toBe(before);
    expect(await imports("SUCCESS")).toBe(auditsBefore);
    expect(await imports("FAILURE")).toBeGreaterThan(0);
  });

  it("imports nothing when a 工号 is taken by another write during the transaction", async () => {
    const { validation } = await check(
      utf8(
        csvText([
          HEADER,
          ["V0001", "甲", "AS-SJJ-K02", "", ""],
          ["V0002", "乙", "AS-SJJ-K02", "", ""],
          ["V0003", "丙", "AS-SJJ-K02", "", ""],
        ]),
      ),
    );
    // why: the trigger stands in for a concurrent account creation that slips in after the last check.
    const insert = (now: string, yes: string, no: string) =>
      `INSERT INTO "User" (username, name, role, "passwordHash", "mustChangePassword", disabled, "failedLoginCount", "createdAt", "updatedAt") VALUES ('V0003', '抢先', 'STAFF', 'x', ${yes}, ${no}, 0, ${now}, ${now})`;
    const drop = await userTrigger("roster_race", "AFTER", "V0002", {
      sqlite: insert("0", "1", "0"),
      postgres: insert("now()", "true", "false"),
    });
    try {
      const result = await commitRoster(admin, null, validation.rows, {
        hash: async () => "not-a-real-hash",
      });
      expect(result.ok || result.message).toMatch(
        /工号或手机号已被占用（可能有人同时创建了用户）。未导入任何人员/,
      );
    } finally {
      await drop();
    }
    expect(await usersNamed(["V0001", "V0002", "V0003"])).toBe(0);
  });

  it("imports nothing when a 工号 was taken between the preview and the confirmation", async () => {
    const { validation } = await check(
      utf8(
        csvText([
          HEADER,
          ["L0001", "甲", "AS-SJJ-K02", "", ""],
          ["L0002", "乙", "AS-SJJ-K02", "", ""],
        ]),
      ),
    );
    const taken = await makeUser();
    await updateUser(taken.id, { username: "L0002" });
    const result = await commitRoster(admin, null, validation.rows);
    expect(result.ok || result.message).toMatch(/第 3 行等 1 处工号或手机号已被系统中的用户占用/);
    expect(await usersNamed(["L0001"])).toBe(0);
  });

  it("gives imported users a random initial password they must change at first login, and writes one audit row without passwords", async () => {
    const { validation } = await check(
      gbk(
        csvText([
          HEADER,
          ["P0001", "孙一", "AS-SJJ-K02", "13700000001", "工作人员"],
          ["P0002", "孙二", "AS-SJJ-K01", "", "培训管理员"],
        ]),
      ),
    );
    const result = await commitRoster(admin, "10.0.0.1", validation.rows, { fileName: "名单.csv" });
    if (!result.ok) throw new Error(result.message);
    expect(result.credentials.map((c) => c.username)).toEqual(["P0001", "P0002"]);
    const [first, second] = result.credentials;
    expect(first!.password).not.toBe(second!.password);
    const stored = await db()
      .selectFrom("User")
      .where("username", "=", "P0001")
      .select(["passwordHash", "mustChangePassword", "role", "mobile", "disabled", "createdAt"])
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      mustChangePassword: true,
      role: "STAFF",
      mobile: "13700000001",
      disabled: false,
    });
    expect(Math.abs(stored.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    // Argon2id at the import's cheaper cost; login reads the parameters from the hash string.
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
    const outcome = await login({
      username: "P0001",
      password: first!.password,
      ip: null,
      previousToken: null,
    });
    expect(outcome.ok && outcome.mustChangePassword).toBe(true);
    const byMobile = await login({
      username: "13700000001",
      password: "wrong-password",
      ip: null,
      previousToken: null,
    });
    expect(byMobile.ok).toBe(false);
    const audit = await db()
      .selectFrom("AuditLog")
      .where("action", "=", "USER_IMPORT")
      .where("result", "=", "SUCCESS")
      .where("actorId", "=", admin.id)
      .orderBy("id", "desc")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail ?? "{}")).toEqual({
      count: 2,
      file: "名单.csv",
      roles: { STAFF: 1, MANAGER: 1 },
      units: 2,
    });
    for (const c of result.credentials) expect(audit.detail).not.toContain(c.password);
  });
});
