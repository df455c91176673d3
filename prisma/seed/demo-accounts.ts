// One demo account per role (README lists them). Known passwords, so only on
// demo databases: with DEMO_DATA=false the seed creates a single admin who must
// change his password at first login.
export type DemoAccount = { username: string; password: string; name: string; role: string; unitCode: string | null };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", password: "Admin@2026", name: "系统管理员", role: "ADMIN", unitCode: null },
  { username: "auditor", password: "Audit@2026", name: "审计管理员", role: "AUDITOR", unitCode: null },
  { username: "manager", password: "Manager@2026", name: "赵培训", role: "MANAGER", unitCode: "AS-SJJ" },
  { username: "manager-td", password: "Manager@2026", name: "钱铁东", role: "MANAGER", unitCode: "AS-TD" },
  { username: "staff", password: "Staff@2026", name: "孙学习", role: "STAFF", unitCode: "AS-SJJ-K02" },
  { username: "expert", password: "Expert@2026", name: "李律师", role: "EXPERT", unitCode: null },
  { username: "enterprise", password: "Company@2026", name: "周企业", role: "ENTERPRISE", unitCode: null },
];

/** The password of every generated staff member on demo and scale databases. */
export const GENERATED_STAFF_PASSWORD = "Staff@2026";
