import { requireRole, type SessionUser } from "#app/utils/auth.server.ts";

/**
 * requireRole(AUDITOR) for the log's routes without a page (the CSV export): 三员分立, so the
 * ADMIN is refused as every other role (the denial is audited by requireRole). Remix returns a
 * resource route's thrown Response as it is, so the 403 carries its message in its own text.
 */
export async function requireAuditorForResource(request: Request): Promise<SessionUser> {
  try {
    return await requireRole(request, ["AUDITOR"]);
  } catch (error) {
    if (error instanceof Response && error.status === 403) {
      throw new Response("无权访问：审计日志只有审计管理员可以查看和导出", {
        status: 403,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw error;
  }
}
