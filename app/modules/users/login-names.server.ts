// One login namespace (decision 0012): a login matches a username (工号, 统一社会信用代码 …) or a
// mobile number, so a value may belong to one user only, whichever column holds it. The
// database enforces it (unique indexes plus the User_login_name_* triggers); these helpers give
// the write paths a clear Chinese answer before they write, and recognise the database's refusal
// when two writes race.
import { db, isUniqueViolation } from "#app/data/db.server.ts";

const TRIGGER_MARK = "LOGIN_NAME_TAKEN";

/** "该手机号已被其他账号用作登录名…" for the field that was refused. */
export function loginNameTakenMessage(
  what: "用户名" | "工号" | "手机号" | "统一社会信用代码",
): string {
  return `该${what}已被其他账号用作登录名（用户名、工号和手机号不能与其他账号的任何一个相同）`;
}

/** The values among `values` that another user (not `exceptUserId`) already logs in with. */
export async function takenLoginNames(
  values: (string | null | undefined)[],
  exceptUserId?: number,
): Promise<Set<string>> {
  const wanted = [...new Set(values.filter((v): v is string => Boolean(v)))];
  if (wanted.length === 0) return new Set();
  let query = db()
    .selectFrom("User")
    .select(["username", "mobile"])
    .where((eb) => eb.or([eb("username", "in", wanted), eb("mobile", "in", wanted)]));
  if (exceptUserId !== undefined) query = query.where("id", "!=", exceptUserId);
  const rows = await query.execute();
  const taken = new Set<string>();
  for (const r of rows) {
    if (wanted.includes(r.username)) taken.add(r.username);
    if (r.mobile && wanted.includes(r.mobile)) taken.add(r.mobile);
  }
  return taken;
}

/**
 * The database refused a write because a login name is taken (the triggers, or the unique
 * indexes on User.username / User.mobile).
 */
export function isLoginNameClash(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; constraint?: unknown };
  if (String(e.message ?? "").includes(TRIGGER_MARK)) return true;
  // SQLite names the column in the message, PostgreSQL the index in `constraint`.
  const where = `${String(e.message ?? "")} ${String(e.constraint ?? "")}`;
  return isUniqueViolation(error) && /username|mobile/.test(where);
}
