import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { getManagedEvent, ORGANISER_ROLES } from "./events.server.ts";

const IdParam = idField("活动编号");

/**
 * The organiser's routes under /manage/events/<id>: the signed-in organiser (MANAGER or ADMIN)
 * and the event when it lies in his scope; a bad id, a missing event or one outside the scope
 * is the same 404.
 */
export async function requireManagedEvent(request: Request, params: { id?: string }) {
  const user = await requireRole(request, ORGANISER_ROLES);
  const id = IdParam.safeParse(params.id);
  const event = id.success ? await getManagedEvent(user, id.data) : null;
  if (!event) throw new Response("活动不存在", { status: 404 });
  return { user, event };
}
