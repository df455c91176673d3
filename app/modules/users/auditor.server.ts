// The AUDITOR accounts' only management path (三员分立, decision 0012): `npm run auditor` on
// the server. No web role can create, edit, reset, disable or grant them. Every change is
// audited with the operating-system user as the actor ("命令行:<user>").
import { UsernameSchema, PersonNameSchema } from "#app/modules/auth/schemas.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { generateInitialPassword, hashPassword } from "#app/utils/password.server.ts";
import { loginNameTakenMessage, isLoginNameClash } from "./login-names.server.ts";

export type CommandResult =
  { ok: true; message: string; password?: string } | { ok: false; message: string };

async function findAuditor(username: string) {
  const user = await db()
    .selectFrom("User")
    .select(["id", "role"])
    .where("username", "=", username)
    .executeTakeFirst();
  if (!user) return { ok: false as const, message: `没有用户名为 ${username} 的账号` };
  if (user.role !== "AUDITOR")
    return {
      ok: false as const,
      message: `${username} 不是审计管理员；其他账号请由系统管理员在网页上管理`,
    };
  return { ok: true as const, id: user.id };
}

export async function createAuditor(
  actorName: string,
  input: { username: string; name: string },
): Promise<CommandResult> {
  const username = UsernameSchema.safeParse(input.username);
  if (!username.success) return { ok: false, message: username.error.issues[0]!.message };
  const name = PersonNameSchema.safeParse(input.name);
  if (!name.success) return { ok: false, message: name.error.issues[0]!.message };
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  try {
    const now = new Date();
    const user = await write(async (tx) => {
      const created = await tx
        .insertInto("User")
        .values({
          username: username.data,
          name: name.data,
          role: "AUDITOR",
          passwordHash,
          mustChangePassword: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(tx, {
        actorName,
        action: "USER_CREATE",
        objectType: "user",
        objectId: created.id,
        result: "SUCCESS",
        ip: null,
        detail: { via: "command", username: username.data, role: "AUDITOR" },
      });
      return created;
    });
    return {
      ok: true,
      message: `已创建审计管理员 ${username.data}（id ${user.id}），首次登录须修改密码`,
      password,
    };
  } catch (error) {
    if (isLoginNameClash(error)) return { ok: false, message: loginNameTakenMessage("用户名") };
    throw error;
  }
}

export async function resetAuditorPassword(
  actorName: string,
  username: string,
): Promise<CommandResult> {
  const found = await findAuditor(username);
  if (!found.ok) return found;
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  await write(async (tx) => {
    await tx
      .updateTable("User")
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        loginChecksPending: 0,
        updatedAt: new Date(),
      })
      .where("id", "=", found.id)
      .execute();
    await tx.deleteFrom("Session").where("userId", "=", found.id).execute();
    await audit(tx, {
      actorName,
      action: "USER_PASSWORD_RESET",
      objectType: "user",
      objectId: found.id,
      result: "SUCCESS",
      ip: null,
      detail: { via: "command" },
    });
  });
  return {
    ok: true,
    message: `已重置 ${username} 的密码并结束其会话，下次登录须修改密码`,
    password,
  };
}

export async function setAuditorDisabled(
  actorName: string,
  username: string,
  disabled: boolean,
): Promise<CommandResult> {
  const found = await findAuditor(username);
  if (!found.ok) return found;
  await write(async (tx) => {
    await tx
      .updateTable("User")
      .set({ disabled, updatedAt: new Date() })
      .where("id", "=", found.id)
      .execute();
    if (disabled) await tx.deleteFrom("Session").where("userId", "=", found.id).execute();
    await audit(tx, {
      actorName,
      action: disabled ? "USER_DISABLE" : "USER_ENABLE",
      objectType: "user",
      objectId: found.id,
      result: "SUCCESS",
      ip: null,
      detail: { via: "command" },
    });
  });
  return {
    ok: true,
    message: disabled ? `已停用 ${username}，其会话已全部失效` : `已启用 ${username}`,
  };
}
