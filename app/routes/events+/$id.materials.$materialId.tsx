import type { LoaderFunctionArgs } from "@remix-run/node";
import { storedFileExists, storedFileResponse } from "#app/modules/booking/download.server.ts";
import { ATTENDEE_ROLES } from "#app/modules/events/events.server.ts";
import {
  auditMaterialDownload,
  materialForAttendee,
} from "#app/modules/events/materials.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

// A material of an event, for staff who may see the event (its audience, or signed up): the
// same 404 as for a missing file otherwise, so ids cannot be probed. Every download is audited.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ATTENDEE_ROLES);
  const eventId = idField().safeParse(params.id);
  const materialId = idField().safeParse(params.materialId);
  const found =
    eventId.success && materialId.success
      ? await materialForAttendee(user, eventId.data, materialId.data)
      : undefined;
  const material = found && storedFileExists(found) ? found : undefined;
  await auditMaterialDownload(user, clientIp(request), material, params.materialId);
  if (!material) throw new Response("资料不存在或已删除", { status: 404 });
  return storedFileResponse(material);
}
