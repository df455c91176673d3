// Issue 11 item 12: username (工号) and mobile share one login namespace across all users,
// enforced by every write path with a clear Chinese 400 and by the database itself.
import { describe, expect, it } from "vitest";
import { registerEnterprise } from "#app/modules/booking/enterprise.server.ts";
import { commitRoster } from "#app/modules/roster/import.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { updateProfile } from "#app/modules/users/account.server.ts";
import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { createUser, updateUser } from "#app/modules/users/users.server.ts";
import { countRows, makeUnit, makeUser, unique, updateUser as setUser } from "./helpers.ts";

const admin = { id: 999997, username: "admin-names" };
const used = new Set<string>();
function mobile(): string {
  for (;;) {
    const m = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    if (!used.has(m)) return (used.add(m), m);
  }
}
/** A user whose username is a mobile-shaped 工号, the case that collides. */
async function userNamed(username: string) {
  const u = await makeUser();
  await setUser(u.id, { username });
  return { id: u.id, username };
}
const mobileOf = (id: number) =>
  db()
    .selectFrom("User")
    .where("id", "=", id)
    .select("mobile")
    .executeTakeFirstOrThrow()
    .then((u) => u.mobile);

describe("one login namespace for username, 工号 and mobile", () => {
  it("profile: a staff member cannot set his mobile to another user's username", async () => {
    const other = await userNamed(mobile());
    const me = await makeUser();
    const result = await updateProfile({ ...me, sessionId: "s" }, null, {
      name: "我",
      mobile: other.username,
      email: "",
    });
    expect(!result.ok && result.fieldErrors.mobile).toMatch(/已被其他账号用作登录名/);
    expect(await mobileOf(me.id)).toBeNull();
  });

  it("admin create: a new user's mobile cannot be another user's username, nor his username another's mobile", async () => {
    const unit = await makeUnit("单位", null);
    const other = await userNamed(mobile());
    const withMobile = await makeUser();
    const m = mobile();
    await setUser(withMobile.id, { mobile: m });
    const base = { name: "新人", role: "STAFF" as const, orgUnitCode: unit.code };
    const a = await createUser(admin, null, {
      ...base,
      username: unique("n"),
      mobile: other.username,
    });
    expect(!a.ok && a.fieldErrors?.mobile).toMatch(/已被其他账号用作登录名/);
    const b = await createUser(admin, null, { ...base, username: m, mobile: "" });
    expect(!b.ok && b.fieldErrors?.username).toMatch(/已被其他账号用作登录名/);
  });

  it("admin edit: a user's mobile cannot become another user's username", async () => {
    const unit = await makeUnit("单位", null);
    const other = await userNamed(mobile());
    const target = await makeUser({ orgUnitId: unit.id });
    const result = await updateUser(admin, null, target.id, {
      name: "某人",
      role: "STAFF",
      orgUnitCode: unit.code,
      mobile: other.username,
    });
    expect(!result.ok && "fieldErrors" in result && result.fieldErrors?.mobile).toMatch(
      /已被其他账号用作登录名/,
    );
    expect(await mobileOf(target.id)).toBeNull();
  });

  it("enterprise registration: the contact mobile cannot be another user's username", async () => {
    const other = await userNamed(mobile());
    const result = await registerEnterprise(
      {
        companyName: "某公司",
        uscc: "91210300MA0Y8B2C1X",
        contactName: "张三",
        mobile: other.username,
        password: "Company@2026x",
      },
      null,
    );
    expect(result.ok).toBe(false);
  });

  it("roster import: rows that clash with a user created after the preview are refused by the database, nothing written", async () => {
    const unit = await makeUnit("单位", null);
    const m = mobile();
    const username = unique("R");
    let before = 0;
    const result = await commitRoster(
      { id: admin.id, username: admin.username },
      null,
      [
        {
          line: 2,
          username,
          name: "导入",
          mobile: m,
          role: "STAFF",
          orgUnitId: unit.id,
          unitLabel: "单位",
        },
      ],
      {
        // Between commitRoster's own re-check and its write, someone takes the row's mobile as
        // a username: only the database can catch that.
        hash: async () => {
          await userNamed(m);
          before = await countRows("User");
          return "$argon2id$v=19$m=8,t=1,p=1$x$y";
        },
        concurrency: 1,
      },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/工号或手机号已被占用/);
    expect(await countRows("User")).toBe(before);
  });

  it("the database refuses a cross clash from any writer (the triggers), and allows one user his own mobile as username", async () => {
    const m = mobile();
    const now = new Date();
    const insert = (username: string, mob: string | null) =>
      write((tx) =>
        tx
          .insertInto("User")
          .values({
            username,
            name: "甲",
            mobile: mob,
            role: "STAFF",
            passwordHash: "x",
            createdAt: now,
            updatedAt: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      );
    const setMobile = (id: number, mob: string) =>
      write((tx) => tx.updateTable("User").set({ mobile: mob }).where("id", "=", id).execute());
    // SQLite says "UNIQUE constraint failed", PostgreSQL "duplicate key value violates unique".
    const refused = /UNIQUE|unique|LOGIN_NAME_TAKEN/;
    await insert(m, m);
    await expect(insert(unique("z"), m)).rejects.toThrow(refused);
    const m2 = mobile();
    await insert(unique("y"), m2);
    await expect(insert(m2, null)).rejects.toThrow(/LOGIN_NAME_TAKEN/);
    const { id } = await insert(unique("w"), null);
    await expect(setMobile(id, m2)).rejects.toThrow(/UNIQUE|unique/);
    await expect(setMobile(id, m)).rejects.toThrow(refused);
  });
});

describe("isLoginNameClash on the data layer's errors", () => {
  it("recognises a refused username or mobile from write(), and nothing else", async () => {
    const other = await makeUser();
    const now = new Date();
    const refused = (values: { username: string; mobile?: string }) =>
      write((tx) =>
        tx
          .insertInto("User")
          .values({ ...values, name: "撞名", role: "STAFF", passwordHash: "x", updatedAt: now })
          .execute(),
      ).then(
        () => null,
        (e: unknown) => e,
      );
    // the unique index on User.username
    expect(isLoginNameClash(await refused({ username: other.username }))).toBe(true);
    // the namespace trigger: a mobile equal to another user's username
    expect(isLoginNameClash(await refused({ username: unique("n"), mobile: other.username }))).toBe(
      true,
    );
    const key = unique("k");
    const setting = () =>
      write((tx) => tx.insertInto("Setting").values({ key, value: "1", updatedAt: now }).execute());
    await setting();
    expect(
      isLoginNameClash(
        await setting().then(
          () => null,
          (e: unknown) => e,
        ),
      ),
    ).toBe(false);
  });
});
