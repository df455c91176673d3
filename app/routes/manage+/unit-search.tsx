import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { scopeOf } from "#app/modules/assignments/assignments.server.ts";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { UnitSearchQuery } from "#app/modules/org/schemas.ts";
import { findInTree, UNIT_MATCHES } from "#app/modules/org/tree.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

/**
 * The lazy unit tree's search (JSON, decision 0019): units of the viewer's subtree (an admin's:
 * all) whose name contains the text, the first 50 with their ancestors. Scoped by the session,
 * never by a parameter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireManagerUnit(request);
  const parsed = parseQuery(request, UnitSearchQuery);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error = !issue || issue.code === "unrecognized_keys" ? "查找条件无效" : issue.message;
    return json({ error, units: [], matches: 0, limit: UNIT_MATCHES }, { status: 400 });
  }
  const found = await findInTree(scopeOf(user), parsed.data.q);
  return json({ error: null, ...found, limit: UNIT_MATCHES });
}
