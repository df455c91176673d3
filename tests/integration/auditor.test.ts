// Issue 11 item 4: 三员分立. ADMIN can neither create, edit, reset, disable, enable nor grant an
// AUDITOR account; the auditor's accounts are managed by `npm run auditor` on the server.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { login } from "#app/modules/auth/login.server.ts";
import { CreateUserSchema, UpdateUserSchema } from "#app/modules/users/schemas.ts";
import {
  AUDITOR_OFF_LIMITS,
  createUser,
  resetUserPassword,
  setUserDisabled,
  updateUser,
} from "#app/modules/users/users.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { countRows, makeUnit, makeUser, unique } from "./helpers.ts";

const run = promisify(execFile);
const admin = { id: 999998, username: "admin-3yuan" };
const snapshot = (id: number) =>
  db()
    .selectFrom("User")
    .select(["name", "role", "passwordHash", "disabled", "mobile"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const denials = () =>
  countRows("AuditLog", (q) =>
    q.where("actorId", "=", admin.id).where("action", "=", "PERMISSION_DENIED"),
  );

describe("三员分立: ADMIN cannot manage AUDITOR accounts", () => {
  it("refuses to create an AUDITOR account, in the schema and in the module", async () => {
    const base = {
      intent: "create",
      username: unique("aud"),
      name: "审计",
      role: "AUDITOR",
      orgUnitCode: "",
      mobile: "",
    };
    expect(CreateUserSchema.safeParse(base).success).toBe(false);
    const before = await countRows("User");
    const result = await createUser(admin, null, { ...base, role: "AUDITOR" });
    expect(result.ok).toBe(false);
    expect(!result.ok && "fieldErrors" in result && result.fieldErrors?.role).toBe(
      AUDITOR_OFF_LIMITS,
    );
    expect(await countRows("User")).toBe(before);
  });

  it("refuses to grant the AUDITOR role to another account", async () => {
    const unit = await makeUnit("单位", null);
    const staff = await makeUser({ orgUnitId: unit.id });
    const input = { name: "改名", role: "AUDITOR", orgUnitCode: "", mobile: "" } as const;
    expect(UpdateUserSchema.safeParse({ intent: "update", ...input }).success).toBe(false);
    const before = await snapshot(staff.id);
    const result = await updateUser(admin, null, staff.id, input as never);
    expect(result.ok).toBe(false);
    expect(await snapshot(staff.id)).toEqual(before);
  });

  it("refuses to edit, reset the password of, disable or enable an AUDITOR account", async () => {
    const auditor = await makeUser({ role: "AUDITOR" });
    const before = await snapshot(auditor.id);
    const denied = await denials();
    const edit = await updateUser(admin, null, auditor.id, {
      name: "被改",
      role: "STAFF",
      orgUnitCode: "",
      mobile: "",
    });
    expect(!edit.ok && "formError" in edit && edit.formError).toBe(AUDITOR_OFF_LIMITS);
    const reset = await resetUserPassword(admin, null, auditor.id);
    expect(reset.ok).toBe(false);
    expect("password" in reset).toBe(false);
    expect((await setUserDisabled(admin, null, auditor.id, true)).ok).toBe(false);
    await write((tx) =>
      tx.updateTable("User").set({ disabled: true }).where("id", "=", auditor.id).execute(),
    );
    expect((await setUserDisabled(admin, null, auditor.id, false)).ok).toBe(false);
    expect(await snapshot(auditor.id)).toEqual({ ...before, disabled: true });
    expect(await denials()).toBe(denied + 4);
  });
});

describe("npm run auditor: the auditor's management path, on the server", () => {
  const script = path.resolve("scripts/auditor.ts");
  const tsx = path.resolve("node_modules/.bin/tsx");
  const auditor = (...args: string[]) =>
    run(tsx, [script, ...args], { env: { ...process.env, USER: "ops-li" } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        out: e.stdout,
        err: e.stderr,
      }),
    );
  const passwordIn = (out: string) => /shown once\): (\S+)/.exec(out)?.[1] ?? "";
  const tryLogin = (username: string, password: string) =>
    login({ username, password, ip: null, previousToken: null });

  it("creates, resets, disables and enables an auditor, each audited with the OS user as actor", async () => {
    const username = unique("aud");
    const created = await auditor("create", username, "审计员乙");
    expect(created.code).toBe(0);
    const first = passwordIn(created.out);
    const login1 = await tryLogin(username, first);
    expect(login1.ok && login1.mustChangePassword).toBe(true);
    const user = await db()
      .selectFrom("User")
      .select(["id", "role"])
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("AUDITOR");

    const reset = await auditor("reset-password", username);
    expect(reset.code).toBe(0);
    const second = passwordIn(reset.out);
    expect(second).not.toBe(first);
    expect((await tryLogin(username, first)).ok).toBe(false);
    expect(await countRows("Session", (q) => q.where("userId", "=", user.id))).toBe(0);

    expect((await auditor("disable", username)).code).toBe(0);
    expect((await tryLogin(username, second)).ok).toBe(false);
    expect((await auditor("enable", username)).code).toBe(0);
    expect((await tryLogin(username, second)).ok).toBe(true);

    const rows = await db()
      .selectFrom("AuditLog")
      .select("action")
      .where("objectType", "=", "user")
      .where("objectId", "=", String(user.id))
      .where("actorName", "=", "命令行:ops-li")
      .orderBy("id", "asc")
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      "USER_CREATE",
      "USER_PASSWORD_RESET",
      "USER_DISABLE",
      "USER_ENABLE",
    ]);
  }, 60_000);

  it("manages only AUDITOR accounts and explains its usage", async () => {
    const staff = await makeUser();
    const refused = await auditor("reset-password", staff.username);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("不是审计管理员");
    expect((await auditor("frobnicate")).code).toBe(2);
  }, 60_000);
});
