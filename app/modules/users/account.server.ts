import { isLoginNameClash, loginNameTakenMessage, takenLoginNames } from "./login-names.server.ts";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { hashPassword, verifyPassword } from "#app/utils/password.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

type Actor = Pick<SessionUser, "id" | "username" | "sessionId">;

/**
 * Changes the password after checking the current one; clears the first-login
 * flag and ends the user's other sessions.
 */
export async function changePassword(
  actor: Actor,
  ip: string | null,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await db()
    .selectFrom("User")
    .select("passwordHash")
    .where("id", "=", actor.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await write((tx) =>
      audit(tx, {
        actor,
        action: "PASSWORD_CHANGE",
        objectType: "user",
        objectId: actor.id,
        result: "FAILURE",
        ip,
        detail: { reason: "wrong current password" },
      }),
    );
    return { ok: false as const, fieldErrors: { currentPassword: "当前密码不正确" } };
  }
  // Argon2 runs before the transaction: no write lock is held while it hashes.
  const passwordHash = await hashPassword(input.newPassword);
  const now = new Date();
  await write(async (tx) => {
    await tx
      .updateTable("User")
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where("id", "=", actor.id)
      .execute();
    await tx
      .deleteFrom("Session")
      .where("userId", "=", actor.id)
      .where("id", "!=", actor.sessionId)
      .execute();
    await audit(tx, {
      actor,
      action: "PASSWORD_CHANGE",
      objectType: "user",
      objectId: actor.id,
      result: "SUCCESS",
      ip,
    });
  });
  return { ok: true as const };
}

// On every home page: compiled once (decision 0011).
const PROFILE = compiled((q, userId: number) =>
  q
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select([
      "u.username",
      "u.name",
      "u.mobile",
      "u.email",
      "u.role",
      "u.lastLoginAt",
      "u.passwordChangedAt",
      "o.name as unitName",
      "o.path as unitPath",
    ])
    .where("u.id", "=", userId),
);

export async function getProfile(userId: number) {
  const row = await PROFILE.first(db(), userId);
  // The session lookup joined this user a moment ago: no row is a server error, as before.
  if (!row) throw new Error(`getProfile: no user ${userId}`);
  const { unitName, unitPath, ...profile } = row;
  return {
    ...profile,
    orgUnit: unitName !== null && unitPath !== null ? { name: unitName, path: unitPath } : null,
  };
}

export async function updateProfile(
  actor: Actor,
  ip: string | null,
  input: { name: string; mobile: string; email: string },
) {
  const mobile = input.mobile || null;
  // One login namespace: not another user's mobile, username or 工号 (decision 0012).
  if (mobile && (await takenLoginNames([mobile], actor.id)).size > 0)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  const saved = await write(async (tx) => {
    await tx
      .updateTable("User")
      .set({ name: input.name, mobile, email: input.email || null, updatedAt: new Date() })
      .where("id", "=", actor.id)
      .execute();
    await audit(tx, {
      actor,
      action: "PROFILE_UPDATE",
      objectType: "user",
      objectId: actor.id,
      result: "SUCCESS",
      ip,
      detail: { fields: ["name", "mobile", "email"] },
    });
  }).then(
    () => true,
    (error: unknown) => {
      // Another user took the value between the check and the write.
      if (isLoginNameClash(error)) return false;
      throw error;
    },
  );
  if (!saved)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  return { ok: true as const };
}
