import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { scopeOf } from "#app/modules/assignments/assignments.server.ts";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { PEOPLE_MIN_QUERY, searchPeople } from "#app/modules/org/tree.server.ts";
import { boundedInt } from "#app/utils/input.ts";
import { parseQuery } from "#app/utils/form.server.ts";

const QuerySchema = z
  .object({
    q: z
      .string({ error: "请输入姓名、工号或手机号" })
      .trim()
      .min(PEOPLE_MIN_QUERY, `请至少输入 ${PEOPLE_MIN_QUERY} 个字`)
      .max(40, "查找内容最多 40 个字"),
    page: boundedInt(1, 50, "页码").optional().default(1),
  })
  .strict();

/**
 * The people picker's search (JSON): enabled staff in the manager's subtree (an admin's: all)
 * by name, 工号 or mobile, 20 a page. Scoped here, whatever the page asked; rate-limited per
 * address in server/app.ts.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireManagerUnit(request);
  const parsed = parseQuery(request, QuerySchema);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error = !issue || issue.code === "unrecognized_keys" ? "查找条件无效" : issue.message;
    return json({ error, people: [], more: false }, { status: 400 });
  }
  const { q, page } = parsed.data;
  const found = await searchPeople(scopeOf(user), q, page);
  return json({ error: null, q, page, ...found });
}
