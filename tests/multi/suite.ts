// The cluster suite of issue 13, run once per database (cluster.test.ts: SQLite,
// cluster-pg.test.ts: PostgreSQL): several app instances behind a real nginx behave as one
// (decision 0017). Two built server processes on one database (TRUST_PROXY=1) behind nginx,
// and a third without TRUST_PROXY behind a second nginx port. Each loopback address
// (127.0.x.y) the client speaks from is a different client as nginx sees it.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  login,
  multipart,
  nginxAvailable,
  request,
  startInstance,
  startNginx,
  type Answer,
  type Instance,
  type Nginx,
  type TestDb,
} from "./cluster.ts";
import { firstDaySlots } from "../e2e/consult-helpers.ts";
import { quizAndOverviewTests } from "./quiz-overview.ts";

const root = path.resolve(import.meta.dirname, "../..");
const LOGIN_LIMIT = 10;
const upstream = (port: number) => `127.0.0.1:${port}`;

function requireNginx(): boolean {
  if (nginxAvailable()) return true;
  const hint = "nginx is not installed: apt-get install -y nginx (the cluster test needs it)";
  if (process.env.REQUIRE_NGINX === "1") throw new Error(`REQUIRE_NGINX=1 but ${hint}`);
  console.warn(`\n*** SKIPPED tests/multi: ${hint} ***\n`);
  return false;
}

export type ClusterDatabase = { url: string; db: TestDb; cleanup?: () => Promise<void> };

export function defineClusterSuite(opts: {
  title: string;
  name: string;
  /** First of five ports: instances A, B, C, the proxy of A+B, the proxy of C. */
  base: number;
  available: () => boolean;
  prepare: () => Promise<ClusterDatabase>;
}) {
  const [A, B, C, PROXY, PROXY_C] = [0, 1, 2, 3, 4].map((i) => opts.base + i) as [
    number,
    number,
    number,
    number,
    number,
  ];
  let db: TestDb;
  let cleanup: (() => Promise<void>) | undefined;
  let instances: Instance[] = [];
  let nginx: Nginx | undefined;

  describe.skipIf(!requireNginx() || !opts.available())(opts.title, () => {
    beforeAll(async () => {
      const prepared = await opts.prepare();
      db = prepared.db;
      cleanup = prepared.cleanup;
      const env = {
        DATABASE_URL: prepared.url,
        FILES_DIR: path.join(root, `tests/.tmp/multi-files-${opts.name}`),
        RATE_LIMIT_LOGIN_PER_MINUTE: String(LOGIN_LIMIT),
        RATE_LIMIT_POST_PER_MINUTE: "100000",
      };
      instances = await Promise.all([
        startInstance("A", A, { ...env, TRUST_PROXY: "1" }),
        startInstance("B", B, { ...env, TRUST_PROXY: "1" }),
        startInstance("C", C, { ...env, TRUST_PROXY: "false" }),
      ]);
      nginx = startNginx({ [PROXY]: [A, B], [PROXY_C]: [C] });
    });

    afterAll(async () => {
      nginx?.stop();
      await Promise.all(instances.map((i) => i.stop()));
      await db?.close();
      await cleanup?.();
    });

    it("a login made through the proxy works on both instances (sessions are in the database)", async () => {
      const { cookie } = await login(PROXY, "127.0.0.20", "staff", "Staff@2026");
      const pages = await Promise.all(
        Array.from({ length: 6 }, () =>
          request({ port: PROXY, path: "/", from: "127.0.0.20", headers: { Cookie: cookie } }),
        ),
      );
      for (const p of pages) {
        expect(p.status).toBe(200);
        expect(p.body).toContain("您好，");
      }
      expect(new Set(pages.map((p) => p.headers["x-upstream"]))).toEqual(
        new Set([upstream(A), upstream(B)]),
      );
    });

    it(`the login rate limit counts across both instances: ${LOGIN_LIMIT} per client in total, not per instance`, async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < 24; i++)
        answers.push(
          await request({
            port: PROXY,
            path: "/login",
            from: "127.0.0.2",
            form: { username: "nobody", password: `Wrong@2026-${i}` },
          }),
        );
      const passed = answers.filter((a) => a.status !== 429);
      expect(passed).toHaveLength(LOGIN_LIMIT);
      expect(answers.slice(LOGIN_LIMIT).every((a) => a.status === 429)).toBe(true);
      // Both instances counted into the one budget.
      expect(new Set(passed.map((a) => a.headers["x-upstream"]))).toEqual(
        new Set([upstream(A), upstream(B)]),
      );
    });

    it("X-Forwarded-For: with TRUST_PROXY=1 the client nginx saw is counted and a forged header changes nothing; without it every client is the proxy", async () => {
      const attempt = (port: number, from: string, forged?: string) =>
        request({
          port,
          path: "/login",
          from,
          headers: forged ? { "X-Forwarded-For": forged } : {},
          form: { username: "nobody", password: "Wrong@2026" },
        }).then((a) => a.status);
      // TRUST_PROXY=1: a new forged address on every request does not buy a new budget.
      const forged: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT + 2; i++)
        forged.push(await attempt(PROXY, "127.0.0.3", `198.51.100.${i}`));
      expect(forged.filter((s) => s !== 429)).toHaveLength(LOGIN_LIMIT);
      // …and another client behind the same proxy has a budget of its own.
      expect(await attempt(PROXY, "127.0.0.4")).not.toBe(429);

      // TRUST_PROXY unset (instance C): the header is ignored, every client is nginx's address.
      const viaC: number[] = [];
      for (let i = 0; i < LOGIN_LIMIT; i++) viaC.push(await attempt(PROXY_C, "127.0.0.5"));
      expect(viaC.filter((s) => s !== 429)).toHaveLength(LOGIN_LIMIT);
      expect(await attempt(PROXY_C, "127.0.0.6")).toBe(429);
      expect(await attempt(PROXY_C, "127.0.0.7", "203.0.113.9")).toBe(429);
    });

    it("the roster import's upload stays with the instance that took it: nginx routes /admin/import by the session cookie", async () => {
      const from = "127.0.0.30";
      const { cookie } = await login(PROXY, from, "admin", "Admin@2026");
      const csv =
        "工号,姓名,单位,手机号,角色\r\nT900001,测试人员,鞍山市数据局,13900000001,STAFF\r\n";
      const upload = await request({
        port: PROXY,
        path: "/admin/import",
        from,
        headers: { Cookie: cookie },
        raw: await multipart(
          { intent: "upload" },
          { file: { name: "cluster.csv", bytes: Buffer.from(csv) } },
        ),
      });
      expect(upload.status).toBe(302);
      const jobUrl = String(upload.headers.location);
      expect(jobUrl).toMatch(/^\/admin\/import\?job=/);
      const holder = String(upload.headers["x-upstream"]);
      const views = await Promise.all(
        Array.from({ length: 6 }, () =>
          request({ port: PROXY, path: jobUrl, from, headers: { Cookie: cookie } }),
        ),
      );
      for (const v of views) {
        expect(v.status).toBe(200);
        expect(v.headers["x-upstream"]).toBe(holder);
        expect(v.body).toContain("cluster.csv");
      }
      // Why: the other instance has never seen the upload.
      const other = holder === upstream(A) ? B : A;
      const elsewhere = await request({ port: other, path: jobUrl, headers: { Cookie: cookie } });
      expect(elsewhere.body).toContain("该导入任务不存在或已过期");
    });

    it("50 simultaneous requests for one slot spread over both instances: exactly one booking", async () => {
      const from = "127.0.0.40";
      const { cookie } = await login(PROXY, from, "enterprise", "Company@2026");
      const [expert] = await db.rows<{ id: number }>(
        `SELECT p.id FROM "ExpertProfile" p JOIN "User" u ON u.id = p."userId" WHERE u.username = 'expert2'`,
      );
      const expertId = expert!.id;
      // Date, then time: the calendar's first free day, then that day's first slot.
      const get = async (p: string) =>
        (await request({ port: PROXY, path: p, from, headers: { Cookie: cookie } })).body;
      const [slot] = await firstDaySlots(get, `/consult/new?type=CONSULTATION&expert=${expertId}`);
      if (!slot) throw new Error("no free slot for expert2");
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          request({
            port: PROXY,
            path: `/consult/new?type=CONSULTATION&expert=${expertId}&slot=${slot}`,
            from,
            headers: { Cookie: cookie },
            form: {
              type: "CONSULTATION",
              expertId: String(expertId),
              slot,
              topic: "集群并发预约测试",
              description: "两个实例上同一时段 50 个请求",
              contactName: "周企业",
              contactMobile: "13700000001",
              mode: "ONLINE",
            },
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 302)).toHaveLength(1);
      const lost = answers.filter((a) => a.status !== 302);
      expect(lost.map((a) => a.status)).toEqual(Array(49).fill(409));
      for (const a of lost) expect(a.body).toContain("该时段已被预约");
      expect(new Set(answers.map((a) => a.headers["x-upstream"]))).toEqual(
        new Set([upstream(A), upstream(B)]),
      );
      const [{ n }] = (await db.rows<{ n: number }>(
        `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM "Booking" WHERE "expertId" = ? AND "startAt" = ?`,
        [expertId, new Date(Number(slot))],
      )) as [{ n: number }];
      expect(n).toBe(1);
    });

    quizAndOverviewTests(() => ({ db, proxy: PROXY, a: A, b: B }));

    it("kill -9 of one instance during writes: every acknowledged answer is in the database, the other instance keeps serving", async () => {
      // 40 staff, each logged in from an address of its own, each with today's 每日一题.
      const staff = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const username = `A${String(i + 1).padStart(6, "0")}`;
          const from = `127.0.1.${i + 1}`;
          const { cookie } = await login(PROXY, from, username, "Staff@2026");
          const home = await request({ port: PROXY, path: "/", from, headers: { Cookie: cookie } });
          const input = /<input[^>]*name="(q\d+)"[^>]*value="([^"]+)"/.exec(home.body);
          if (!input) throw new Error(`no daily question on ${username}'s home page`);
          return { username, from, cookie, field: input[1]!, option: input[2]! };
        }),
      );

      type Outcome = {
        username: string;
        status: number;
        location: string;
        upstream: string;
        afterKill: boolean;
      };
      const outcomes: Outcome[] = [];
      let killed = false;
      let next = 0;
      const killA = async () => {
        await instances[0]!.kill9();
        killed = true;
      };
      let killing: Promise<void> | undefined;
      // The answer's acknowledgement: the redirect back to the question (a lost session would
      // redirect to /login instead).
      const isAck = (o: Outcome) => o.status === 302 && o.location === "/#daily";
      // Four clients at a time; A is killed once a quarter of the answers are acknowledged.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < staff.length) {
            const s = staff[next++]!;
            const afterKill = killed;
            const res = await request({
              port: PROXY,
              path: "/?index",
              from: s.from,
              headers: { Cookie: s.cookie },
              form: { intent: "submit", [s.field]: s.option },
            });
            outcomes.push({
              username: s.username,
              status: res.status,
              location: String(res.headers.location ?? ""),
              upstream: String(res.headers["x-upstream"] ?? ""),
              afterKill,
            });
            if (!killing && outcomes.filter(isAck).length >= staff.length / 4) killing = killA();
          }
        }),
      );
      await killing;

      const acknowledged = outcomes.filter(isAck);
      // Only requests in flight on A when it died may fail (nginx answers 502 for them).
      const failed = outcomes.filter((o) => !isAck(o));
      const on = (port: number) => acknowledged.filter((o) => o.upstream === upstream(port)).length;
      console.log(
        `cluster: ${acknowledged.length} of ${outcomes.length} answers acknowledged (A ${on(A)}, ` +
          `B ${acknowledged.length - on(A)}, ${acknowledged.filter((o) => o.afterKill).length} after the kill); ` +
          `${failed.length} lost in flight on A`,
      );
      expect(failed.filter((o) => o.status !== 502)).toEqual([]);
      expect(failed.length).toBeLessThanOrEqual(4);
      // Both instances had acknowledged answers before the kill; B alone after it.
      expect(acknowledged.some((o) => o.upstream === upstream(A))).toBe(true);
      const afterKill = acknowledged.filter((o) => o.afterKill);
      expect(afterKill.length).toBeGreaterThan(0);
      expect(afterKill.every((o) => o.upstream.endsWith(upstream(B)))).toBe(true);

      const stored = new Set(
        (
          await db.rows<{ username: string }>(
            `SELECT u.username FROM "DailyAnswer" d JOIN "User" u ON u.id = d."userId" WHERE u.username LIKE 'A0%'`,
          )
        ).map((r) => r.username),
      );
      for (const o of acknowledged) expect(stored, `${o.username}'s answer`).toContain(o.username);

      // B keeps serving: a page and a login through the proxy.
      const after = await login(PROXY, "127.0.0.21", "staff", "Staff@2026");
      expect(after.upstream).toContain(upstream(B));
      const page = await request({
        port: PROXY,
        path: "/",
        from: "127.0.0.21",
        headers: { Cookie: after.cookie },
      });
      expect(page.status).toBe(200);
      expect(String(page.headers["x-upstream"]).endsWith(upstream(B))).toBe(true);
    });
  });
}
