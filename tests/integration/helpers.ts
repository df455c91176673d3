import { ensureDbReady, prisma } from "#app/utils/db.server.ts";
import { childPath } from "#app/utils/org-path.ts";
import { hashPassword } from "#app/utils/password.server.ts";

let counter = 0;
export function unique(prefix: string): string {
  counter++;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

export async function makeUnit(
  name: string,
  parent: { id: number; path: string; depth: number } | null,
  kind = "UNIT",
) {
  await ensureDbReady();
  const unit = await prisma.orgUnit.create({
    data: {
      code: unique("U"),
      name,
      kind,
      tier: 1,
      depth: parent ? parent.depth + 1 : 0,
      path: unique("pending"),
      parentId: parent?.id ?? null,
    },
    select: { id: true },
  });
  return prisma.orgUnit.update({
    where: { id: unit.id },
    data: { path: childPath(parent?.path ?? "/", unit.id) },
    select: { id: true, path: true, depth: true, code: true },
  });
}

const hashes = new Map<string, Promise<string>>();
export async function makeUser(
  opts: {
    role?: string;
    password?: string;
    orgUnitId?: number | null;
    mustChangePassword?: boolean;
    disabled?: boolean;
  } = {},
) {
  await ensureDbReady();
  const password = opts.password ?? "Test@2026x";
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return prisma.user.create({
    data: {
      username: unique("u"),
      name: "测试用户",
      role: opts.role ?? "STAFF",
      passwordHash: await hashes.get(password)!,
      mustChangePassword: opts.mustChangePassword ?? false,
      disabled: opts.disabled ?? false,
      orgUnitId: opts.orgUnitId ?? null,
    },
    select: { id: true, username: true },
  });
}

export function requestWithCookie(
  cookie: string | null,
  url = "http://localhost/",
  init: RequestInit = {},
) {
  const headers = new Headers(init.headers);
  if (cookie) headers.set("Cookie", cookie);
  return new Request(url, { ...init, headers });
}
