import type { LoaderFunctionArgs } from "@remix-run/node";
import fs from "node:fs";
import { BOOKING_ROLES } from "#app/modules/booking/access.server.ts";
import { photoOf } from "#app/modules/booking/profiles.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";

// The expert's photo, from FILES_DIR/photos, never a remote URL. The URL carries the photo's
// version (?v=), so the browser may keep it a day; a new photo is a new URL (decision 0022).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, BOOKING_ROLES);
  const id = idField().safeParse(params.id);
  const photo = id.success ? await photoOf(id.data) : null;
  if (!photo)
    return new Response("没有照片", {
      status: 404,
      headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
    });
  const cache = {
    "Cache-Control": "private, max-age=86400",
    ETag: photo.etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === photo.etag)
    return new Response(null, { status: 304, headers: cache });
  const bytes = fs.readFileSync(photo.file);
  return new Response(bytes, {
    headers: {
      ...cache,
      "Content-Type": photo.type,
      "Content-Length": String(bytes.length),
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
