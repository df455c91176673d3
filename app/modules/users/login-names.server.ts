// One login namespace (decision 0012): a login matches a username (工号, 统一社会信用代码 …) or a
// mobile number, so a value may belong to one user only, whichever column holds it. The
// database enforces it (unique indexes plus the User_login_name_* triggers); these helpers give
// the write paths a clear Chinese answer before they write, and recognise the database's refusal
// when two writes race.
import { ensureDbReady, prisma } from "#app/utils/db.server.ts";

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
  await ensureDbReady();
  const rows = await prisma.user.findMany({
    where: {
      OR: [{ username: { in: wanted } }, { mobile: { in: wanted } }],
      ...(exceptUserId === undefined ? {} : { id: { not: exceptUserId } }),
    },
    select: { username: true, mobile: true },
  });
  const taken = new Set<string>();
  for (const r of rows) {
    if (wanted.includes(r.username)) taken.add(r.username);
    if (r.mobile && wanted.includes(r.mobile)) taken.add(r.mobile);
  }
  return taken;
}

/** The database refused a write because a login name is taken (the triggers, or the unique indexes on User). */
export function isLoginNameClash(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; meta?: unknown };
  let meta = "";
  try {
    meta = JSON.stringify(e.meta ?? "");
  } catch {
    // an unserialisable meta: only the message is looked at
  }
  if (`${String(e.message ?? "")} ${meta}`.includes(TRIGGER_MARK)) return true;
  const target = JSON.stringify((e.meta as { target?: unknown } | undefined)?.target ?? "");
  return e.code === "P2002" && /username|mobile/.test(target + meta);
}
