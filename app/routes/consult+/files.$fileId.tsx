import type { LoaderFunctionArgs } from "@remix-run/node";
import { write } from "#app/data/db.server.ts";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { storedFileExists, storedFileResponse } from "#app/modules/booking/download.server.ts";
import { getFileFor } from "#app/modules/booking/queries.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

// A download (GET, read-only apart from its audit row): the booking's enterprise, its expert or an ADMIN;
// anyone else gets the same 404 as for a missing file, so ids cannot be probed. nosniff comes
// from helmet and Cache-Control: no-store from server/app.ts on every response; the e2e journey checks both here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOOKING_ROLES);
  const id = idField().safeParse(params.fileId);
  const file = id.success ? await getFileFor(user, id.data) : null;
  const ip = clientIp(request);
  if (!file || !storedFileExists(file)) {
    await write((tx) =>
      audit(tx, {
        actor: user,
        action: "FILE_DOWNLOAD",
        objectType: "bookingFile",
        objectId: params.fileId?.slice(0, 20),
        result: "DENIED",
        ip,
      }),
    );
    throw new Response("文件不存在或已过保存期限", { status: 404 });
  }
  await write((tx) =>
    audit(tx, {
      actor: user,
      action: "FILE_DOWNLOAD",
      objectType: "bookingFile",
      objectId: file.id,
      result: "SUCCESS",
      ip,
      detail: { bookingId: file.bookingId, sha256: file.sha256 },
    }),
  );
  return storedFileResponse(file);
}
