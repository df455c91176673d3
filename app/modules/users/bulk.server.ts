import type { Kysely } from "kysely";
import { db, write, type DB } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { noticeNewlyCovered } from "#app/modules/assignments/notice.server.ts";
import { hashInitialPassword } from "#app/modules/roster/import.server.ts";
import { generateInitialPassword } from "#app/utils/password.server.ts";
import { roleLabel } from "#app/utils/roles.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { AUDITOR_OFF_LIMITS } from "./users.server.ts";

// Bulk actions on /admin/users (issue 17): disable, enable, password reset, move to another
// unit. Each runs in one write() (all users or none), with one audit row per user under the
// existing actions (USER_DISABLE, USER_ENABLE, USER_PASSWORD_RESET, USER_UPDATE). Refused as a
// whole: an AUDITOR among them (三员分立), the admin himself (disable, reset, move), disabling
// the last enabled ADMIN, moving anyone but staff and managers. The checks run again inside
// the transaction, so an admin disabled meanwhile by someone else still counts. Every refusal
// writes a PERMISSION_DENIED row (at the preview, or in the write when refused there), counted
// by the auditor's security summary as a denial.

type Actor = Pick<SessionUser, "id" | "username">;
export const BULK_ACTIONS = ["disable", "enable", "reset-password", "move"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 100;

export type BulkTarget = {
  id: number;
  username: string;
  name: string;
  role: string;
  disabled: boolean;
  orgUnitId: number | null;
  unitName: string | null;
};
export type Credential = { username: string; name: string; unit: string; password: string };
type Refusal = { ok: false; formError: string };
export type BulkPlan = {
  ok: true;
  action: BulkAction;
  users: BulkTarget[];
  unit: { id: number; code: string; name: string } | null;
};

const names = (users: BulkTarget[]) =>
  users
    .slice(0, 5)
    .map((u) => `${u.name}（${u.username}）`)
    .join("、") + (users.length > 5 ? ` 等 ${users.length} 人` : "");

async function targets(q: Kysely<DB>, ids: number[]): Promise<BulkTarget[]> {
  return q
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select([
      "u.id",
      "u.username",
      "u.name",
      "u.role",
      "u.disabled",
      "u.orgUnitId",
      "o.name as unitName",
    ])
    .where("u.id", "in", ids)
    .orderBy("u.id")
    .execute();
}

const AUDIT = {
  disable: "USER_DISABLE",
  enable: "USER_ENABLE",
  "reset-password": "USER_PASSWORD_RESET",
  move: "USER_UPDATE",
} as const;

/** A refusal: what the page says, the reason code the audit row keeps, whom it concerns. */
type Denial = { message: string; reason: string; userIds: number[] };

/** Why the action may not run on these users now, or null. Reads through @q (inside the write too). */
async function refusal(
  q: Kysely<DB>,
  actor: Actor,
  action: BulkAction,
  users: BulkTarget[],
): Promise<Denial | null> {
  const auditors = users.filter((u) => u.role === "AUDITOR");
  if (auditors.length > 0)
    return {
      message: `${AUDITOR_OFF_LIMITS}：${names(auditors)}`,
      reason: "auditor accounts are managed by command only",
      userIds: auditors.map((u) => u.id),
    };
  const self = users.some((u) => u.id === actor.id);
  const own = (message: string) => ({ message, reason: "own account", userIds: [actor.id] });
  if (self && action === "disable") return own("不能停用自己的账号，请取消勾选自己");
  if (self && action === "reset-password")
    return own("不能在批量操作中重置自己的密码，请到“修改密码”页面修改");
  if (self && action === "move")
    return own("不能修改自己的单位，请取消勾选自己，由另一位系统管理员操作");
  if (action === "move") {
    const unitless = users.filter((u) => u.role !== "STAFF" && u.role !== "MANAGER");
    if (unitless.length > 0)
      return {
        message: `只有工作人员和培训管理员属于单位，以下人员不能移动：${names(unitless)}（${[
          ...new Set(unitless.map((u) => roleLabel(u.role))),
        ].join("、")}）`,
        reason: "role has no unit",
        userIds: unitless.map((u) => u.id),
      };
  }
  if (action === "disable") {
    const chosen = new Set(users.map((u) => u.id));
    const admins = await q
      .selectFrom("User")
      .select("id")
      .where("role", "=", "ADMIN")
      .where("disabled", "=", false)
      .execute();
    if (admins.length > 0 && admins.every((a) => chosen.has(a.id)))
      return {
        message: "不能停用最后一位系统管理员：停用后将无人能管理系统",
        reason: "last enabled admin",
        userIds: admins.map((a) => a.id),
      };
  }
  return null;
}

/**
 * A refused bulk action is a denial like the pickers' (decision 0020's security summary counts
 * it): one PERMISSION_DENIED row naming the action, the users it concerns and why.
 */
function auditDenial(
  tx: Kysely<DB>,
  actor: Actor,
  ip: string | null,
  action: BulkAction,
  denial: Denial,
  count: number,
) {
  return audit(tx, {
    actor,
    action: "PERMISSION_DENIED",
    objectType: "user",
    objectId: denial.userIds.length === 1 ? denial.userIds[0] : undefined,
    result: "DENIED",
    ip,
    detail: {
      reason: denial.reason,
      action: AUDIT[action],
      userIds: denial.userIds.slice(0, 20),
      count,
    },
  });
}

/** What the confirmation shows: the users by name, the unit for a move; or why not. */
export async function planBulk(
  actor: Actor,
  ip: string | null,
  action: BulkAction,
  ids: number[],
  unitCode: string,
): Promise<BulkPlan | Refusal> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return { ok: false, formError: "请先勾选要操作的用户" };
  if (unique.length > BULK_MAX)
    return { ok: false, formError: `一次最多操作 ${BULK_MAX} 个用户，请分批进行` };
  const users = await targets(db(), unique);
  if (users.length !== unique.length)
    return { ok: false, formError: "所选用户中有的已不存在，请刷新页面后重新勾选" };
  let unit: BulkPlan["unit"] = null;
  if (action === "move") {
    if (!unitCode) return { ok: false, formError: "请填写要移动到的单位编码" };
    unit =
      (await db()
        .selectFrom("OrgUnit")
        .select(["id", "code", "name"])
        .where("code", "=", unitCode)
        .executeTakeFirst()) ?? null;
    if (!unit) return { ok: false, formError: `找不到单位编码“${unitCode}”` };
  }
  const why = await refusal(db(), actor, action, users);
  if (!why) return { ok: true, action, users, unit };
  await write((tx) => auditDenial(tx, actor, ip, action, why, users.length));
  return { ok: false, formError: why.message };
}

/**
 * Runs the confirmed action on all the users in one transaction. A reset returns the new
 * initial passwords (shown and downloadable once by the page, never stored in clear).
 */
export async function applyBulk(
  actor: Actor,
  ip: string | null,
  action: BulkAction,
  ids: number[],
  unitCode: string,
  now = new Date(),
): Promise<{ ok: true; count: number; credentials: Credential[] | null } | Refusal> {
  const plan = await planBulk(actor, ip, action, ids, unitCode);
  if (!plan.ok) return plan;
  // Hashing is CPU work: done before the write, which holds the lock for the statements only.
  // The initial-password hash of the roster import (Argon2id, cheaper): each must be changed
  // at the next login, as an imported one.
  const fresh =
    action === "reset-password"
      ? await Promise.all(
          plan.users.map(async (u) => {
            const password = generateInitialPassword();
            return { id: u.id, password, hash: await hashInitialPassword(password) };
          }),
        )
      : [];
  const result = await write(async (tx) => {
    const users = await targets(
      tx,
      plan.users.map((u) => u.id),
    );
    if (users.length !== plan.users.length) return "所选用户中有的已不存在，请刷新页面后重新勾选";
    // Checked again inside the write: refused now, the denial is audited in its place.
    const why = await refusal(tx, actor, action, users);
    if (why) {
      await auditDenial(tx, actor, ip, action, why, users.length);
      return why.message;
    }
    const idList = users.map((u) => u.id);
    if (action === "disable" || action === "enable") {
      await tx
        .updateTable("User")
        .set({ disabled: action === "disable", updatedAt: now })
        .where("id", "in", idList)
        .execute();
      if (action === "disable")
        await tx.deleteFrom("Session").where("userId", "in", idList).execute();
      else await noticeNewlyCovered(tx, { userIds: idList }, now);
    } else if (action === "move") {
      await tx
        .updateTable("User")
        .set({ orgUnitId: plan.unit!.id, updatedAt: now })
        .where("id", "in", idList)
        .execute();
      // A new unit takes effect at once: the users sign in again (as a single edit does).
      await tx.deleteFrom("Session").where("userId", "in", idList).execute();
      // Moved into a covered unit: the notice of each live assignment, once (decision 0019).
      await noticeNewlyCovered(tx, { userIds: idList }, now);
    } else {
      for (const f of fresh)
        await tx
          .updateTable("User")
          .set({
            passwordHash: f.hash,
            mustChangePassword: true,
            failedLoginCount: 0,
            lockedUntil: null,
            loginChecksPending: 0,
            updatedAt: now,
          })
          .where("id", "=", f.id)
          .execute();
      await tx.deleteFrom("Session").where("userId", "in", idList).execute();
    }
    for (const u of users)
      await audit(tx, {
        actor,
        action: AUDIT[action],
        objectType: "user",
        objectId: u.id,
        result: "SUCCESS",
        ip,
        detail: {
          bulk: users.length,
          ...(action === "move" ? { orgUnitId: [u.orgUnitId, plan.unit!.id] } : {}),
        },
      });
    return null;
  });
  if (result) return { ok: false, formError: result };
  const byId = new Map(fresh.map((f) => [f.id, f.password]));
  return {
    ok: true,
    count: plan.users.length,
    credentials:
      action === "reset-password"
        ? plan.users.map((u) => ({
            username: u.username,
            name: u.name,
            unit: u.unitName ?? "",
            password: byId.get(u.id)!,
          }))
        : null,
  };
}
