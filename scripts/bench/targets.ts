// What `npm run bench` measures. Add a page here: { name, path, role? } where
// role is a demo account's username (prisma/seed/demo-accounts.ts); the bench
// logs that account in and sends its session cookie with every request.
export type BenchTarget = { name: string; path: string; role?: string };

export const ROLES = ["admin", "auditor", "manager", "manager-td", "staff", "expert", "enterprise"] as const;

export const TARGETS: BenchTarget[] = [
  { name: "no loader (framework ceiling)", path: "/about" },
  { name: "login page (anonymous)", path: "/login" },
  ...ROLES.map((role) => ({ name: `home as ${role}`, path: "/", role })),
];
