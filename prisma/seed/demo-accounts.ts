// One demo account per role (README lists them). Known passwords, so only on
// demo databases: with DEMO_DATA=false the seed creates a single admin who must
// change his password at first login.
export type DemoAccount = {
  username: string;
  password: string;
  name: string;
  role: string;
  unitCode: string | null;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", password: "Admin@2026", name: "系统管理员", role: "ADMIN", unitCode: null },
  {
    username: "auditor",
    password: "Audit@2026",
    name: "审计管理员",
    role: "AUDITOR",
    unitCode: null,
  },
  {
    username: "manager",
    password: "Manager@2026",
    name: "赵培训",
    role: "MANAGER",
    unitCode: "AS-SJJ",
  },
  {
    username: "manager-td",
    password: "Manager@2026",
    name: "钱铁东",
    role: "MANAGER",
    unitCode: "AS-TD",
  },
  {
    username: "staff",
    password: "Staff@2026",
    name: "孙学习",
    role: "STAFF",
    unitCode: "AS-SJJ-K02",
  },
  { username: "expert", password: "Expert@2026", name: "李律师", role: "EXPERT", unitCode: null },
  { username: "expert2", password: "Expert@2026", name: "王教授", role: "EXPERT", unitCode: null },
  {
    username: "enterprise",
    password: "Company@2026",
    name: "周企业",
    role: "ENTERPRISE",
    unitCode: null,
  },
];

/** The password of every generated staff member on demo and scale databases. */
export const GENERATED_STAFF_PASSWORD = "Staff@2026";

/** Hashes each distinct demo password once (Argon2 takes ~40 ms a hash). */
export async function hashDemoPasswords(
  hash: (p: string) => Promise<string>,
): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS)
    if (!hashes.has(a.password)) hashes.set(a.password, await hash(a.password));
  return hashes;
}

/** The demo accounts as user rows, placed in the units their codes name. */
export function demoUserRows(
  unitIdByCode: Map<string, { id: number }>,
  hashes: Map<string, string>,
) {
  return DEMO_ACCOUNTS.map((a) => ({
    username: a.username,
    name: a.name,
    role: a.role,
    orgUnitId: a.unitCode ? (unitIdByCode.get(a.unitCode)?.id ?? null) : null,
    mobile: null,
    passwordHash: hashes.get(a.password)!,
    mustChangePassword: false,
  }));
}
