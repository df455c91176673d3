import type { LoaderFunctionArgs } from "@remix-run/node";
import { storedFileExists, storedFileResponse } from "#app/modules/booking/download.server.ts";
import { ORGANISER_ROLES } from "#app/modules/events/events.server.ts";
import {
  auditMaterialDownload,
  materialForOrganiser,
} from "#app/modules/events/materials.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

// The organiser's download of a material of an event he manages (audited; 404 otherwise).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ORGANISER_ROLES);
  const eventId = idField().safeParse(params.id);
  const materialId = idField().safeParse(params.materialId);
  const found =
    eventId.success && materialId.success
      ? await materialForOrganiser(user, eventId.data, materialId.data)
      : undefined;
  const material = found && storedFileExists(found) ? found : undefined;
  await auditMaterialDownload(user, clientIp(request), material, params.materialId);
  if (!material) throw new Response("资料不存在或已删除", { status: 404 });
  return storedFileResponse(material);
}
