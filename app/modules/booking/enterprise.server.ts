import { compiled } from "#app/data/compiled.server.ts";
import { db, isUniqueViolation, write } from "#app/data/db.server.ts";
import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { hashPassword } from "#app/utils/password.server.ts";
import { createSession } from "#app/utils/session.server.ts";
import { consultSettings } from "./settings.server.ts";

type Fail = { ok: false; fieldErrors: Record<string, string> };
type Registered = { ok: true; pending: boolean; token: string | null };

export type RegisterInput = {
  companyName: string;
  uscc: string;
  contactName: string;
  mobile: string;
  password: string;
};

/**
 * Self-registration of an enterprise. The 统一社会信用代码 is its login name, so a
 * second registration with the same code is refused (also by the unique indexes when two race).
 * Active at once unless the approval setting is on; an active account is signed in.
 */
export async function registerEnterprise(
  input: RegisterInput,
  ip: string | null,
): Promise<Registered | Fail> {
  const taken =
    (await db()
      .selectFrom("Enterprise")
      .select("id")
      .where("uscc", "=", input.uscc)
      .executeTakeFirst()) ??
    (await db()
      .selectFrom("User")
      .select("id")
      .where("username", "=", input.uscc)
      .executeTakeFirst());
  if (taken) return { ok: false, fieldErrors: { uscc: "该统一社会信用代码已注册，请直接登录" } };
  const mobileTaken = await db()
    .selectFrom("User")
    .select("id")
    .where((eb) => eb.or([eb("mobile", "=", input.mobile), eb("username", "=", input.mobile)]))
    .executeTakeFirst();
  if (mobileTaken) return { ok: false, fieldErrors: { mobile: "该手机号已被使用" } };
  const pending = (await consultSettings()).approvalRequired;
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    // The user, the enterprise, the audit row and the session commit together or not at all.
    return await write(async (tx) => {
      const user = await tx
        .insertInto("User")
        .values({
          username: input.uscc,
          name: input.contactName,
          mobile: input.mobile,
          role: "ENTERPRISE",
          passwordHash,
          mustChangePassword: false,
          disabled: pending,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning(["id", "username"])
        .executeTakeFirstOrThrow();
      const enterprise = await tx
        .insertInto("Enterprise")
        .values({
          userId: user.id,
          name: input.companyName,
          uscc: input.uscc,
          contactName: input.contactName,
          contactMobile: input.mobile,
          status: pending ? "PENDING" : "ACTIVE",
          createdAt: now,
          approvedAt: pending ? null : now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await audit(tx, {
        actor: user,
        action: "ENTERPRISE_REGISTER",
        objectType: "enterprise",
        objectId: enterprise.id,
        result: "SUCCESS",
        ip,
        detail: { uscc: input.uscc, pending },
      });
      const token = pending ? null : await createSession(tx, user.id, ip);
      return { ok: true as const, pending, token };
    });
  } catch (error) {
    if (isUniqueViolation(error) || isLoginNameClash(error))
      return { ok: false, fieldErrors: { uscc: "该统一社会信用代码或手机号已注册" } };
    throw error;
  }
}

/** The enterprise of an ENTERPRISE user, or null (a user with no registration record). */
const ENTERPRISE_OF = compiled((q, userId: number) =>
  q.selectFrom("Enterprise").select(["id", "name", "status"]).where("userId", "=", userId),
);

export async function enterpriseOf(
  userId: number,
): Promise<{ id: number; name: string; status: string } | null> {
  const e = await ENTERPRISE_OF.first(db(), userId);
  return e ?? null;
}

/** The contact person and mobile the booking form starts with. */
export function enterpriseContact(userId: number) {
  return db()
    .selectFrom("Enterprise")
    .select(["contactName", "contactMobile"])
    .where("userId", "=", userId)
    .executeTakeFirstOrThrow();
}

export function listEnterprises(status: "PENDING" | "ACTIVE" | "") {
  let q = db()
    .selectFrom("Enterprise")
    .select([
      "id",
      "name",
      "uscc",
      "contactName",
      "contactMobile",
      "status",
      "createdAt",
      "approvedAt",
    ]);
  if (status) q = q.where("status", "=", status);
  return q.orderBy("id", "desc").limit(200).execute();
}

export async function approveEnterprise(
  actor: { id: number; username: string },
  ip: string | null,
  id: number,
): Promise<boolean> {
  return write(async (tx) => {
    const e = await tx
      .selectFrom("Enterprise")
      .select(["id", "userId", "status"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!e || e.status !== "PENDING") return false;
    const now = new Date();
    await tx
      .updateTable("Enterprise")
      .set({ status: "ACTIVE", approvedAt: now })
      .where("id", "=", id)
      .execute();
    await tx
      .updateTable("User")
      .set({ disabled: false, updatedAt: now })
      .where("id", "=", e.userId)
      .execute();
    await audit(tx, {
      actor,
      action: "ENTERPRISE_APPROVE",
      objectType: "enterprise",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
}
