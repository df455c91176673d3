import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { audit, auditRow } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { listAuditLog } from "#app/modules/audit/audit.server.ts";
import type { AuditFilter } from "#app/modules/audit/schemas.ts";
import { securitySummary, summaryRange } from "#app/modules/audit/security.server.ts";
import { auditExportResponse } from "#app/modules/audit/export.server.ts";
import { AuditFilterSchema, SecurityRangeSchema } from "#app/modules/audit/schemas.ts";
import { makeEnterprise, makeExpert } from "./booking-helpers.ts";
import { makeUnit, makeUser, requestWithCookie, unique, updateUser } from "./helpers.ts";
import { sessionCookieOf } from "./session-helpers.ts";

const ALL: AuditFilter = {
  action: "",
  person: "",
  kind: "",
  result: "",
  from: "",
  to: "",
  before: "",
  after: "",
};

async function person(name: string, role = "STAFF") {
  const u = await makeUser({ role });
  await updateUser(u.id, { name });
  return { id: u.id, username: u.username, name };
}

async function call<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

let admin: Awaited<ReturnType<typeof person>>;
let auditor: Awaited<ReturnType<typeof person>>;
beforeAll(async () => {
  admin = await person("系统管理员甲", "ADMIN");
  auditor = await person("审计员乙", "AUDITOR");
});
afterEach(() => vi.restoreAllMocks());

describe("the audit log an auditor can read (issue 17)", () => {
  it("names the actor and every object by name and 工号, the booking by its number, the unit and course by name", async () => {
    const unit = await makeUnit("法规科", null);
    const staff = await person("李四");
    const actor = await person("王五", "MANAGER");
    const course = await write((tx) =>
      tx
        .insertInto("Course")
        .values({
          slug: unique("c"),
          title: "宪法精讲",
          category: "测试",
          audience: "STAFF",
          summary: "",
          creditHours: 1,
          passMark: 60,
          questionsPerAttempt: 1,
          timeLimitMinutes: 10,
          attemptLimit: 3,
          version: "v1",
          updatedAt: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const ent = await makeEnterprise("鞍山测试公司");
    const expert = await makeExpert();
    const now = new Date();
    const booking = await write((tx) =>
      tx
        .insertInto("Booking")
        .values({
          enterpriseId: ent.enterpriseId,
          expertId: expert.expertId,
          type: "CONSULTATION",
          mode: "ONLINE",
          startAt: now,
          endAt: now,
          slotHold: unique("h"),
          status: "CONFIRMED",
          topic: "劳动合同咨询",
          description: "",
          contactName: "王经理",
          contactMobile: "13800000000",
          createdAt: now,
          updatedAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    await write(async (tx) => {
      const base = { actor, ip: "::ffff:10.1.2.3", result: "SUCCESS" as const };
      await audit(tx, {
        ...base,
        action: "USER_UPDATE",
        objectType: "user",
        objectId: staff.id,
        detail: { role: ["STAFF", "MANAGER"], orgUnitId: [null, unit.id] },
      });
      await audit(tx, { ...base, action: "ORG_RENAME", objectType: "orgUnit", objectId: unit.id });
      await audit(tx, {
        ...base,
        action: "COURSE_COMPLETE",
        objectType: "course",
        objectId: course.id,
      });
      await audit(tx, {
        ...base,
        action: "BOOKING_CONFIRM",
        objectType: "booking",
        objectId: booking.id,
        detail: { from: "REQUESTED", to: "CONFIRMED" },
      });
    });
    const { rows } = await listAuditLog({ ...ALL, person: actor.username });
    expect(rows.map((r) => r.actionLabel)).toEqual([
      "确认预约",
      "完成课程",
      "重命名单位",
      "修改用户",
    ]);
    for (const r of rows) expect(r.actor).toBe(`王五（工号 ${actor.username}，培训管理员）`);
    expect(rows.map((r) => r.object)).toEqual([
      `预约 编号 ${booking.id}「劳动合同咨询」`,
      "课程 《宪法精讲》",
      "单位 法规科",
      `用户 李四（工号 ${staff.username}）`,
    ]);
    expect(rows[0]!.fields).toEqual([
      { label: "原状态", value: "待确认" },
      { label: "新状态", value: "已确认" },
    ]);
    expect(rows[3]!.fields).toEqual([
      { label: "角色", value: "工作人员 → 培训管理员" },
      { label: "单位", value: "— → 法规科" },
    ]);
    const text = JSON.stringify(rows.map(({ action: _a, result: _r, ...shown }) => shown));
    expect(text).not.toMatch(/用户 \d|booking \d|BOOKING_|"\{/);
  });

  it("resolves names in one query per kind per page, not one per row", async () => {
    const actor = await person("批量操作员", "ADMIN");
    const queriesFor = async (n: number) => {
      const targets = await Promise.all(Array.from({ length: n }, (_, i) => person(`对象${i}`)));
      const filter = {
        ...ALL,
        person: actor.username,
        action: n === 3 ? "USER_DISABLE" : "USER_ENABLE",
      } as const;
      await write(async (tx) => {
        for (const t of targets)
          await audit(tx, {
            actor,
            action: filter.action,
            objectType: "user",
            objectId: t.id,
            result: "SUCCESS",
          });
      });
      const spy = vi.spyOn(db().getExecutor(), "executeQuery");
      const page = await listAuditLog(filter);
      const count = spy.mock.calls.length;
      spy.mockRestore();
      expect(page.rows).toHaveLength(n);
      expect(page.rows.every((r) => r.object.startsWith("用户 对象"))).toBe(true);
      return count;
    };
    const few = await queriesFor(3);
    const many = await queriesFor(40);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(4); // person, page, count, users
  });

  it("writes ::ffff:127.0.0.1 as 127.0.0.1, and shows an older row's mapped address the same way", async () => {
    const actor = await person("地址测试");
    await write((tx) =>
      audit(tx, { actor, action: "LOGOUT", result: "SUCCESS", ip: "::ffff:127.0.0.1" }),
    );
    // An older row, written before the rule, straight into the table.
    await write((tx) =>
      tx
        .insertInto("AuditLog")
        .values({
          ...auditRow({ actor, action: "LOGIN_SUCCESS", result: "SUCCESS" }),
          ip: "::FFFF:192.168.1.9",
        })
        .execute(),
    );
    const stored = await db()
      .selectFrom("AuditLog")
      .select(["action", "ip"])
      .where("actorId", "=", actor.id)
      .orderBy("id")
      .execute();
    expect(stored).toEqual([
      { action: "LOGOUT", ip: "127.0.0.1" },
      { action: "LOGIN_SUCCESS", ip: "::FFFF:192.168.1.9" },
    ]);
    const { rows } = await listAuditLog({ ...ALL, person: actor.username });
    expect(rows.map((r) => r.ip)).toEqual(["192.168.1.9", "127.0.0.1"]);
  });

  it("explains a denial in Chinese, the old English reasons included", async () => {
    const actor = await person("越权者", "ADMIN");
    await write((tx) =>
      audit(tx, {
        actor,
        action: "PERMISSION_DENIED",
        objectType: "route",
        objectId: "/audit",
        result: "DENIED",
        detail: { reason: "role ADMIN not in AUDITOR", method: "GET" },
      }),
    );
    await write((tx) =>
      audit(tx, {
        actorName: "ghost",
        action: "LOGIN_FAILURE",
        result: "FAILURE",
        detail: { reason: "unknown user" },
      }),
    );
    const [denied] = (await listAuditLog({ ...ALL, person: actor.username })).rows;
    expect(denied!.object).toBe("页面 /audit");
    expect(denied!.resultLabel).toBe("拒绝");
    expect(denied!.fields).toEqual([
      { label: "原因", value: "角色「系统管理员」无权访问（仅限审计管理员）" },
      { label: "请求方式", value: "GET（打开页面）" },
    ]);
    const [failed] = (await listAuditLog({ ...ALL, person: "ghost" })).rows;
    expect(failed!.actor).toBe("输入的账号“ghost”（无此用户）");
    expect(failed!.fields).toEqual([{ label: "原因", value: "账号不存在" }]);
  });

  it("shows an action, object kind and detail key it does not know by their codes, never failing", async () => {
    const actor = await person("未来操作");
    await write((tx) =>
      tx
        .insertInto("AuditLog")
        .values({
          ...auditRow({ actor, action: "LOGOUT", result: "SUCCESS" }),
          action: "FUTURE_CHECKIN",
          objectType: "futureThing",
          objectId: "7",
          detail: JSON.stringify({ seat: 12, late: true, note: { a: 1 } }),
        })
        .execute(),
    );
    const [row] = (await listAuditLog({ ...ALL, person: actor.username })).rows;
    expect(row).toMatchObject({ actionLabel: "FUTURE_CHECKIN", object: "futureThing 7" });
    expect(row!.fields).toEqual([
      { label: "seat", value: "12" },
      { label: "超时后提交", value: "是" },
      { label: "note", value: "a 1" },
    ]);
  });

  it("filters by action, person (name or 工号), object kind, result and Beijing days, and pages by keyset", async () => {
    const actor = await person("筛选测试人");
    const at = (iso: string) => new Date(iso);
    await write(async (tx) => {
      const rows = [
        // 2026-03-01 23:59:59 in Beijing is still the 1st.
        auditRow(
          {
            actor,
            action: "FILE_DOWNLOAD",
            objectType: "bookingFile",
            objectId: 9,
            result: "SUCCESS",
          },
          at("2026-03-01T15:59:59Z"),
        ),
        auditRow(
          {
            actor,
            action: "FILE_DOWNLOAD",
            objectType: "bookingFile",
            objectId: 9,
            result: "DENIED",
          },
          at("2026-03-01T16:00:00Z"),
        ),
        auditRow({ actor, action: "LOGOUT", result: "SUCCESS" }, at("2026-03-02T02:00:00Z")),
      ];
      await tx.insertInto("AuditLog").values(rows).execute();
      for (let i = 0; i < 120; i++)
        await tx
          .insertInto("AuditLog")
          .values(
            auditRow(
              { actor, action: "PROFILE_UPDATE", result: "SUCCESS" },
              at("2026-03-05T00:00:00Z"),
            ),
          )
          .execute();
    });
    const mine = { ...ALL, from: "2026-03-01", to: "2026-03-02" };
    expect((await listAuditLog({ ...mine, person: "筛选测试人" })).total).toBe(3);
    expect((await listAuditLog({ ...mine, person: actor.username })).total).toBe(3);
    const downloads = await listAuditLog({
      ...mine,
      person: actor.username,
      action: "FILE_DOWNLOAD",
    });
    expect(downloads.rows.map((r) => r.resultLabel)).toEqual(["拒绝", "成功"]);
    expect(
      (await listAuditLog({ ...ALL, person: actor.username, kind: "bookingFile" })).total,
    ).toBe(2);
    expect((await listAuditLog({ ...ALL, person: actor.username, result: "DENIED" })).total).toBe(
      1,
    );
    const first = await listAuditLog({
      ...ALL,
      person: actor.username,
      from: "2026-03-01",
      to: "2026-03-01",
    });
    expect(first.rows.map((r) => r.resultLabel)).toEqual(["成功"]);

    // 123 rows, 120 in the same millisecond: the keyset (at, id) pages through all, no repeats.
    const seen: number[] = [];
    let page = await listAuditLog({ ...ALL, person: actor.username });
    expect(page.newer).toBeNull();
    seen.push(...page.rows.map((r) => r.id));
    while (page.older !== null) {
      page = await listAuditLog({ ...ALL, person: actor.username, before: page.older });
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toHaveLength(123);
    expect(new Set(seen).size).toBe(123);
    const back = await listAuditLog({ ...ALL, person: actor.username, after: page.rows[0]!.id });
    expect(back.rows.map((r) => r.id)).toEqual(seen.slice(50, 100));
  });

  it("refuses impossible dates, unknown actions and kinds, reversed and overlong ranges in Chinese", async () => {
    const refused = (q: Record<string, string>) => {
      const r = AuditFilterSchema.safeParse(q);
      return r.success ? null : r.error.issues[0]!.message;
    };
    expect(refused({ from: "2026-02-30" })).toMatch(/不是有效的日期/);
    expect(refused({ to: "2026-13-01" })).toMatch(/不是有效的日期/);
    expect(refused({ action: "__proto__" })).toBe("未知的操作类型");
    expect(refused({ kind: "constructor" })).toBe("未知的对象类型");
    expect(refused({ from: "2026-03-02", to: "2026-03-01" })).toBe("结束日期不能早于开始日期");
    expect(refused({ before: "99999999999999999999" })).toBe("翻页位置无效，请从第一页重新查看");
    expect(refused({ person: "x".repeat(33) })).toBe("人员最多 32 个字符");
    expect(SecurityRangeSchema.safeParse({ from: "2026-02-29" }).success).toBe(false);
    expect(summaryRange({ from: "2020-01-01", to: "2026-01-01" })).toEqual({
      ok: false,
      message: "一次最多汇总 366 天，请缩小日期范围",
    });
    expect(summaryRange({ from: "", to: "" }, new Date("2026-06-30T20:00:00Z"))).toEqual({
      ok: true,
      from: "2026-06-02",
      to: "2026-07-01",
    });
  });

  it("exports the filtered log as CSV with a BOM, names resolved, and audits the export with its filter", async () => {
    const actor = await person("下载人");
    await write((tx) =>
      audit(tx, {
        actor,
        action: "FILE_DOWNLOAD",
        objectType: "bookingFile",
        objectId: 99999,
        result: "SUCCESS",
        ip: "::ffff:127.0.0.1",
      }),
    );
    const cookie = await sessionCookieOf(auditor.id);
    const res = await auditExportResponse(
      requestWithCookie(
        cookie,
        `http://localhost/audit/export?action=FILE_DOWNLOAD&person=${actor.username}`,
      ),
    );
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toContain("操作人");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`下载人（工号 ${actor.username}）`);
    expect(lines[1]).toContain("下载文件");
    expect(lines[1]).toContain("127.0.0.1");
    expect(lines[1]).not.toContain("::ffff");
    const logged = await db()
      .selectFrom("AuditLog")
      .select(["objectType", "detail", "result"])
      .where("actorId", "=", auditor.id)
      .where("action", "=", "EXPORT")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(logged.objectType).toBe("auditLog");
    expect(JSON.parse(logged.detail!)).toEqual({
      table: "auditLog",
      format: "csv",
      action: "FILE_DOWNLOAD",
      person: actor.username,
    });
    const [shown] = (await listAuditLog({ ...ALL, person: auditor.username, action: "EXPORT" }))
      .rows;
    expect(shown!.object).toBe("审计日志");
    expect(shown!.fields).toContainEqual({ label: "操作", value: "下载文件" });
  });

  it("refuses the export to ADMIN, MANAGER and STAFF with 403 (三员分立: only the AUDITOR reads the log)", async () => {
    const others = [admin, await person("经理", "MANAGER"), await person("职员", "STAFF")];
    for (const u of others) {
      const cookie = await sessionCookieOf(u.id);
      const res = await call(() =>
        auditExportResponse(requestWithCookie(cookie, "http://localhost/audit/export")),
      );
      expect(res).toBeInstanceOf(Response);
      expect((res as Response).status).toBe(403);
      expect(await (res as Response).text()).toContain("无权访问");
    }
    const exports = await db()
      .selectFrom("AuditLog")
      .select("actorId")
      .where("action", "=", "EXPORT")
      .where(
        "actorId",
        "in",
        others.map((u) => u.id),
      )
      .execute();
    expect(exports).toEqual([]);
  });

  it("sums failed logins, lockouts and denials per Beijing day of a chosen range", async () => {
    const actor = await person("安全统计");
    const at = (iso: string) => new Date(iso);
    await write((tx) =>
      tx
        .insertInto("AuditLog")
        .values([
          auditRow(
            { actorName: "x", action: "LOGIN_FAILURE", result: "FAILURE" },
            at("2025-07-01T15:59:00Z"),
          ),
          auditRow(
            { actorName: "x", action: "LOGIN_FAILURE", result: "FAILURE" },
            at("2025-07-01T16:00:00Z"),
          ),
          auditRow(
            { actor, action: "ACCOUNT_LOCKED", result: "FAILURE" },
            at("2025-07-02T01:00:00Z"),
          ),
          auditRow(
            { actor, action: "PERMISSION_DENIED", result: "DENIED" },
            at("2025-07-02T02:00:00Z"),
          ),
          auditRow(
            { actor, action: "FILE_DOWNLOAD", result: "DENIED" },
            at("2025-07-02T03:00:00Z"),
          ),
          auditRow({ actor, action: "LOGOUT", result: "SUCCESS" }, at("2025-07-02T03:00:00Z")),
        ])
        .execute(),
    );
    const s = await securitySummary("2025-07-01", "2025-07-03");
    expect(s.days).toEqual([
      { day: "2025-07-01", failedLogins: 1, lockouts: 0, denials: 0 },
      { day: "2025-07-02", failedLogins: 1, lockouts: 1, denials: 2 },
      { day: "2025-07-03", failedLogins: 0, lockouts: 0, denials: 0 },
    ]);
    expect(s.totals).toEqual({ failedLogins: 2, lockouts: 1, denials: 2 });
  });
});
