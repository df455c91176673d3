import { requireRole, type SessionUser } from "#app/utils/auth.server.ts";

/**
 * requireRole(ADMIN) for the import's routes without a page (status, downloads).
 * Remix returns a resource route's thrown Response as it is, without the error
 * page, so the 403 carries the page's title (无权访问) in its own text.
 */
export async function requireAdminForResource(request: Request): Promise<SessionUser> {
  try {
    return await requireRole(request, ["ADMIN"]);
  } catch (error) {
    if (error instanceof Response && error.status === 403) {
      throw new Response("无权访问：您没有权限访问此页面", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
}
