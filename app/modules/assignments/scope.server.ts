import { getRootUnit, getUnit } from "#app/modules/org/org.server.ts";
import { requireOrgScope, requireRole, type SessionUser } from "#app/utils/auth.server.ts";

export const MANAGER_ROLES = ["MANAGER", "ADMIN"] as const;

/**
 * The signed-in manager (or admin) and the unit a page looks at: the requested
 * unit when it lies in his subtree (403 and an audit row otherwise), else his own.
 */
export async function requireManagerUnit(
  request: Request,
  requestedUnitId?: number,
): Promise<{
  user: SessionUser;
  unit: { id: number; path: string; name: string; code: string; parentId: number | null };
}> {
  const user = await requireRole(request, MANAGER_ROLES);
  const home =
    user.role === "ADMIN"
      ? await getRootUnit()
      : user.orgUnitId
        ? await getUnit(user.orgUnitId)
        : null;
  if (!home) throw new Response("您没有可管理的单位", { status: 403 });
  if (!requestedUnitId || requestedUnitId === home.id) return { user, unit: home };
  const unit = await getUnit(requestedUnitId);
  if (!unit) throw new Response("单位不存在", { status: 404 });
  await requireOrgScope(request, user, unit.path);
  return { user, unit };
}
