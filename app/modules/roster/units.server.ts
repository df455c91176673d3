import { sql } from "kysely";
import { db } from "#app/data/db.server.ts";
import { valueList } from "#app/data/portable.server.ts";
import { pathIds } from "#app/utils/org-path.ts";

export type UnitMatch = { ok: true; id: number; label: string } | { ok: false; message: string };
type Unit = { id: number; code: string; name: string; path: string };

export const UNIT_HINT =
  "请填写单位编码（如 AS-SJJ-K02）或完整路径（如 鞍山市/鞍山市数据局/政策法规科）";

function pathKey(text: string): string {
  return text
    .split(/[/／>＞]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .join("/");
}

/**
 * Every unit by code and by its names: the full path from the root, the path
 * without the root's name, and the bare name. A name shared by two units (every
 * bureau has an 办公室) matches neither, and the row asks for a code or a path.
 */
export async function loadUnitDirectory() {
  const units: Unit[] = await db()
    .selectFrom("OrgUnit")
    .select(["id", "code", "name", "path"])
    .execute();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const byCode = new Map<string, Unit>();
  const byName = new Map<string, Unit[]>();
  const labels = new Map<number, string>();
  const add = (key: string, unit: Unit) => {
    const list = byName.get(key);
    if (!list) byName.set(key, [unit]);
    else if (!list.includes(unit)) list.push(unit);
  };
  for (const unit of units) {
    byCode.set(unit.code.toUpperCase(), unit);
    const chain = pathIds(unit.path).map((id) => names.get(id) ?? "");
    const full = pathKey(chain.join("/"));
    labels.set(unit.id, full);
    add(full, unit);
    if (chain.length > 1) add(pathKey(chain.slice(1).join("/")), unit);
    add(pathKey(unit.name), unit);
  }

  return function match(cell: string): UnitMatch {
    const byCodeHit = byCode.get(cell.toUpperCase());
    if (byCodeHit)
      return { ok: true, id: byCodeHit.id, label: labels.get(byCodeHit.id) ?? byCodeHit.name };
    const hits = byName.get(pathKey(cell)) ?? [];
    if (hits.length === 1)
      return { ok: true, id: hits[0]!.id, label: labels.get(hits[0]!.id) ?? hits[0]!.name };
    if (hits.length > 1)
      return { ok: false, message: `有 ${hits.length} 个单位叫这个名称，${UNIT_HINT}` };
    return { ok: false, message: `找不到该单位，${UNIT_HINT}` };
  };
}

/**
 * Which of these values are already taken in the database. A login matches the
 * username or the mobile, so a new 工号 or mobile must equal neither any
 * existing username (compared without case) nor any existing mobile.
 */
export async function takenValues(
  values: string[],
): Promise<{ usernames: Set<string>; mobiles: Set<string> }> {
  const list = [...new Set(values)];
  const lower = [...new Set(values.map((v) => v.toLowerCase()))];
  const usernames = await db()
    .selectFrom("User")
    .select(sql<string>`lower(${sql.ref("username")})`.as("v"))
    .where(sql<string>`lower(${sql.ref("username")})`, "in", valueList(lower))
    .execute();
  const mobiles = await db()
    .selectFrom("User")
    .select("mobile as v")
    .where("mobile", "in", valueList(list))
    .execute();
  return {
    usernames: new Set(usernames.map((r) => r.v)),
    mobiles: new Set(mobiles.flatMap((r) => (r.v === null ? [] : [r.v]))),
  };
}
