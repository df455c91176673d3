import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import type { SessionUser } from "#app/utils/auth.server.ts";

// Who writes and reviews 政策解读 (decision 0023): the 政策法规科 is a list of users kept by
// ADMIN (PolicySectionMember). Members write and review; an EXPERT may write, never review;
// nobody reviews his own draft.

type Actor = Pick<SessionUser, "id" | "role">;
export type PolicyRights = { member: boolean; author: boolean; admin: boolean };

/** Roles that can be members: the bureau's own people. */
export const SECTION_ROLES = ["STAFF", "MANAGER"] as const;

export async function isSectionMember(userId: number): Promise<boolean> {
  const row = await db()
    .selectFrom("PolicySectionMember")
    .select("userId")
    .where("userId", "=", userId)
    .executeTakeFirst();
  return Boolean(row);
}

export async function policyRights(user: Actor): Promise<PolicyRights> {
  const member =
    (SECTION_ROLES as readonly string[]).includes(user.role) && (await isSectionMember(user.id));
  return { member, author: member || user.role === "EXPERT", admin: user.role === "ADMIN" };
}

export function sectionMembers() {
  return db()
    .selectFrom("PolicySectionMember as m")
    .innerJoin("User as u", "u.id", "m.userId")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.username", "u.name", "u.role", "o.name as unit", "m.addedAt"])
    .orderBy("m.addedAt")
    .execute();
}

export type SectionResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

/** ADMIN adds a STAFF or MANAGER account to the 政策法规科 (audited). */
export async function addSectionMember(
  admin: { id: number; username: string },
  username: string,
  ip: string | null,
): Promise<SectionResult> {
  return write(async (tx) => {
    const user = await tx
      .selectFrom("User")
      .select(["id", "role", "disabled"])
      .where("username", "=", username)
      .executeTakeFirst();
    if (!user) return { ok: false, status: 404, message: "没有这个用户名的账号" } as const;
    if (!(SECTION_ROLES as readonly string[]).includes(user.role) || user.disabled)
      return {
        ok: false,
        status: 400,
        message: "只能把在用的工作人员或培训管理员加入政策法规科",
      } as const;
    const r = await tx
      .insertInto("PolicySectionMember")
      .values({ userId: user.id, addedById: admin.id, addedAt: new Date() })
      .onConflict((oc) => oc.column("userId").doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0)
      return { ok: false, status: 409, message: "该用户已在政策法规科" } as const;
    await audit(tx, {
      actor: admin,
      action: "POLICY_SECTION_ADD",
      objectType: "user",
      objectId: user.id,
      result: "SUCCESS",
      ip,
    });
    return { ok: true } as const;
  });
}

export async function removeSectionMember(
  admin: { id: number; username: string },
  userId: number,
  ip: string | null,
): Promise<SectionResult> {
  return write(async (tx) => {
    const r = await tx
      .deleteFrom("PolicySectionMember")
      .where("userId", "=", userId)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0)
      return { ok: false, status: 404, message: "该用户不在政策法规科" } as const;
    await audit(tx, {
      actor: admin,
      action: "POLICY_SECTION_REMOVE",
      objectType: "user",
      objectId: userId,
      result: "SUCCESS",
      ip,
    });
    return { ok: true } as const;
  });
}
