import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { addSectionMember } from "#app/modules/policy/access.server.ts";
import { createDraft, updateDraft } from "#app/modules/policy/docs.server.ts";
import { recordLawVersions } from "#app/modules/policy/express.server.ts";
import { listPublished, readDoc, recordRead } from "#app/modules/policy/readers.server.ts";
import {
  confirmRead,
  createReading,
  myReadings,
  readingDetail,
} from "#app/modules/policy/readings.server.ts";
import { PolicyEditSchema } from "#app/modules/policy/schemas.ts";
import { setSubscriptions } from "#app/modules/policy/subscriptions.server.ts";
import { policyStep } from "#app/modules/policy/workflow.server.ts";
import { makeEnterprise } from "./booking-helpers.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";

// 政策解读 (issue 20 part B, decision 0023): authors, the 法规审核 workflow and its refusals,
// readers by audience, subscriptions and notices, 新法速递, assigned reading.

const admin = { id: 1, username: "admin", role: "ADMIN" };
type U = { id: number; username: string; role: string };
let author: U; // a 政策法规科 member
let reviewer: U; // another member
let expert: U;
let staff: U; // a plain STAFF, not a member
let unit: { id: number; path: string; depth: number };

const form = (over: Record<string, unknown> = {}) =>
  PolicyEditSchema.parse({
    title: "数据处理者的安全保护义务解读",
    instrument: "law",
    lawId: "data-security-law",
    articles: "27",
    body: '数据处理者应当建立健全全流程数据安全管理制度。\n\n::cite{law="data-security-law" article="27"}',
    keyPoints: "建立全流程数据安全管理制度\n组织开展数据安全教育培训",
    faq: "谁是数据处理者？\n开展数据处理活动的组织和个人。",
    forStaff: "on",
    forEnterprise: "on",
    industries: ["数据服务"],
    ...over,
  });
const ip = "127.0.0.1";

beforeAll(async () => {
  unit = await makeUnit("政策法规科测试", null);
  const u = async (role: string) => ({ ...(await makeUser({ role, orgUnitId: unit.id })), role });
  author = await u("STAFF");
  reviewer = await u("MANAGER");
  staff = await u("STAFF");
  expert = { ...(await makeUser({ role: "EXPERT" })), role: "EXPERT" };
  for (const m of [author, reviewer])
    expect((await addSectionMember(admin, m.username, ip)).ok).toBe(true);
});

async function draft(by: U = author, over: Record<string, unknown> = {}) {
  const r = await createDraft(by, form(over), ip);
  if (!r.ok) throw new Error(r.message);
  return r.id;
}
async function stage(id: number) {
  return (
    await db()
      .selectFrom("PolicyDoc")
      .select("stage")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).stage;
}

describe("policy workflow", () => {
  it("goes 草稿 → 法规审核 → 已发布, every step audited, readers see version 1", async () => {
    const id = await draft();
    expect((await policyStep(author, id, "submit", { ip })).ok).toBe(true);
    expect(await stage(id)).toBe("REVIEW");
    expect((await policyStep(reviewer, id, "approve", { ip, comment: "同意" })).ok).toBe(true);
    expect(await stage(id)).toBe("PUBLISHED");
    const audited = await db()
      .selectFrom("AuditLog")
      .select("action")
      .where("objectType", "=", "policyDoc")
      .where("objectId", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      "POLICY_CREATE",
      "POLICY_SUBMIT",
      "POLICY_APPROVE",
    ]);
    const read = await readDoc({ id: staff.id, role: "STAFF" }, id);
    expect(read.ok && read.page.version).toBe(1);
  });

  it("refuses the author approving his own draft (403), and an EXPERT reviewing", async () => {
    const id = await draft();
    await policyStep(author, id, "submit", { ip });
    expect(await policyStep(author, id, "approve", { ip })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await policyStep(expert, id, "approve", { ip })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await stage(id)).toBe("REVIEW");
  });

  it("refuses a STAFF who is not in the 政策法规科 writing or editing", async () => {
    expect(await createDraft(staff, form(), ip)).toMatchObject({ ok: false, status: 403 });
    const id = await draft();
    expect(await updateDraft(staff, id, form({ title: "改标题" }), ip)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await updateDraft(reviewer, id, form({ title: "改标题" }), ip)).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("refuses publishing without approval: approve of a draft is 409, and nothing is published", async () => {
    const id = await draft();
    expect(await policyStep(reviewer, id, "approve", { ip })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await countRows("PolicyVersion", (q) => q.where("docId", "=", id))).toBe(0);
    const anon = await readDoc(null, id);
    expect(anon).toMatchObject({ ok: false, status: 404 });
  });

  it("concurrent approve and return: exactly one wins, one version at most", async () => {
    const id = await draft();
    await policyStep(author, id, "submit", { ip });
    const other = { ...(await makeUser({ role: "STAFF", orgUnitId: unit.id })), role: "STAFF" };
    await addSectionMember(admin, other.username, ip);
    const results = await Promise.all([
      policyStep(reviewer, id, "approve", { ip }),
      policyStep(other, id, "return", { ip, comment: "请补充" }),
      policyStep(reviewer, id, "approve", { ip }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
    expect(await countRows("PolicyVersion", (q) => q.where("docId", "=", id))).toBeLessThanOrEqual(
      1,
    );
  });

  it("a return carries the comment back to the author's notices; the draft is editable again", async () => {
    const id = await draft();
    await policyStep(author, id, "submit", { ip });
    expect(await updateDraft(author, id, form(), ip)).toMatchObject({ ok: false, status: 409 });
    expect(
      (await policyStep(reviewer, id, "return", { ip, comment: "请补充第二十七条的适用范围" })).ok,
    ).toBe(true);
    const notice = await db()
      .selectFrom("Notification")
      .select(["title", "body"])
      .where("userId", "=", author.id)
      .where("link", "=", `/policy/manage/${id}`)
      .executeTakeFirstOrThrow();
    expect(notice.body).toBe("请补充第二十七条的适用范围");
    expect((await updateDraft(author, id, form({ title: "修改后的标题" }), ip)).ok).toBe(true);
  });

  it("a revision publishes version 2 while version 1 stays readable; 废止 hides it from the list", async () => {
    const id = await draft(expert); // an EXPERT may write
    await policyStep(expert, id, "submit", { ip });
    await policyStep(reviewer, id, "approve", { ip });
    expect((await policyStep(author, id, "revise", { ip })).ok).toBe(true);
    // During the revision readers still read version 1.
    const during = await readDoc(null, id);
    expect(during.ok).toBe(false); // not public
    const staffRead = await readDoc({ id: staff.id, role: "STAFF" }, id);
    expect(staffRead.ok && staffRead.page.title).toBe("数据处理者的安全保护义务解读");
    await updateDraft(author, id, form({ title: "解读（修订）" }), ip);
    await policyStep(author, id, "submit", { ip });
    expect((await policyStep(reviewer, id, "approve", { ip })).ok).toBe(true);
    const v2 = await readDoc({ id: staff.id, role: "STAFF" }, id);
    const v1 = await readDoc({ id: staff.id, role: "STAFF" }, id, 1);
    expect(v2.ok && [v2.page.version, v2.page.title, v2.page.versions.length]).toEqual([
      2,
      "解读（修订）",
      2,
    ]);
    expect(v1.ok && v1.page.title).toBe("数据处理者的安全保护义务解读");
    expect((await policyStep(reviewer, id, "repeal", { ip })).ok).toBe(true);
    const list = await listPublished(
      { id: staff.id, role: "STAFF" },
      { q: "解读（修订）", page: 1, from: "", to: "" },
    );
    expect(list.total).toBe(0);
  });
});

describe("policy readers", () => {
  it("shows anonymous readers only public docs, enterprises only theirs, and filters by law, industry and date", async () => {
    const pub = await draft(author, {
      title: "公开解读甲",
      isPublic: "on",
      forStaff: undefined,
      forEnterprise: undefined,
      industries: ["电子商务"],
    });
    const staffOnly = await draft(author, { title: "内部解读乙", forEnterprise: undefined });
    for (const id of [pub, staffOnly]) {
      await policyStep(author, id, "submit", { ip });
      await policyStep(reviewer, id, "approve", { ip });
    }
    const base = { q: "解读", page: 1, from: "", to: "" };
    const titles = async (user: Parameters<typeof listPublished>[0], f = {}) =>
      (await listPublished(user, { ...base, ...f })).items.map((i) => i.title);
    expect(await titles(null)).toContain("公开解读甲");
    expect(await titles(null)).not.toContain("内部解读乙");
    const ent = (await makeEnterprise()).user;
    expect(await titles(ent)).not.toContain("内部解读乙");
    expect(await titles({ id: staff.id, role: "STAFF" })).toContain("内部解读乙");
    expect(await titles(null, { industry: "电子商务" })).toEqual(["公开解读甲"]);
    expect(await titles(null, { law: "civil-code" })).toEqual([]);
    expect(await titles(null, { from: "2099-01-01" })).toEqual([]);
    expect(await readDoc(ent, staffOnly)).toMatchObject({ ok: false, status: 403 });
  });

  it("counts one read per reader per Beijing day", async () => {
    const id = await draft();
    await policyStep(author, id, "submit", { ip });
    await policyStep(reviewer, id, "approve", { ip });
    const day1 = new Date("2026-06-01T10:00:00+08:00");
    await Promise.all([recordRead(staff.id, id, day1), recordRead(staff.id, id, day1)]);
    await recordRead(staff.id, id, new Date("2026-06-01T23:30:00+08:00"));
    await recordRead(staff.id, id, new Date("2026-06-02T08:00:00+08:00"));
    expect(await countRows("PolicyRead", (q) => q.where("docId", "=", id))).toBe(2);
  });
});

describe("policy subscriptions", () => {
  it("notifies each enterprise subscribed to the doc's industry once, in the publishing transaction", async () => {
    const a = (await makeEnterprise()).user;
    const b = (await makeEnterprise()).user;
    const c = (await makeEnterprise()).user;
    await setSubscriptions(a, ["金融", "制造业"], ip);
    await setSubscriptions(b, ["医疗健康"], ip);
    await setSubscriptions(c, ["金融"], ip);
    const id = await draft(author, { industries: ["金融", "制造业"], title: "金融业数据安全解读" });
    await policyStep(author, id, "submit", { ip });
    await policyStep(reviewer, id, "approve", { ip });
    const notes = await db()
      .selectFrom("Notification")
      .select(["userId", "title"])
      .where("link", "=", `/policy/${id}`)
      .execute();
    expect(notes.map((n) => n.userId).sort()).toEqual([a.id, c.id].sort());
    expect(notes[0]!.title).toBe("新的政策解读：金融业数据安全解读");
  });

  it("does not notify enterprises of a doc addressed to staff only", async () => {
    const e = (await makeEnterprise()).user;
    await setSubscriptions(e, ["交通物流"], ip);
    const id = await draft(author, { industries: ["交通物流"], forEnterprise: undefined });
    await policyStep(author, id, "submit", { ip });
    await policyStep(reviewer, id, "approve", { ip });
    expect(await countRows("Notification", (q) => q.where("link", "=", `/policy/${id}`))).toBe(0);
  });
});

describe("新法速递", () => {
  const law = (keys: [string, string][]) => ({
    id: "company-law",
    versions: keys.map(([key, effective]) => ({
      key,
      effective,
      title: "中华人民共和国公司法",
      revision: `${key}年修订`,
    })),
  });

  it("records a law on first sight, then creates one draft per new version (idempotent), linked to 新旧对照", async () => {
    await write((tx) => tx.deleteFrom("PolicyLawBaseline").execute());
    expect((await recordLawVersions([law([["2018", "2018-10-26"]])])).created).toBe(0);
    const both = law([
      ["2018", "2018-10-26"],
      ["2023", "2024-07-01"],
    ]);
    const results = await Promise.all([recordLawVersions([both]), recordLawVersions([both])]);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(1);
    expect((await recordLawVersions([both])).created).toBe(0);
    const doc = await db()
      .selectFrom("PolicyDoc")
      .selectAll()
      .where("expressLawId", "=", "company-law")
      .where("expressVersion", "=", "2023")
      .executeTakeFirstOrThrow();
    expect([doc.kind, doc.stage, doc.authorId]).toEqual(["EXPRESS", "DRAFT", null]);
    expect(doc.body).toContain("/laws/company-law/compare?from=2018&to=2023");
    // A section member takes it by saving it; an EXPERT cannot take it.
    expect(await updateDraft(expert, doc.id, form(), ip)).toMatchObject({ ok: false, status: 403 });
    expect(
      (await updateDraft(author, doc.id, form({ lawId: "company-law", articles: "" }), ip)).ok,
    ).toBe(true);
  });
});

describe("assigned reading", () => {
  it("covers the unit's staff, records 我已阅读 once, and lists confirmations for the manager", async () => {
    const sub = await makeUnit("下级科室", unit);
    const member = { ...(await makeUser({ role: "STAFF", orgUnitId: sub.id })), role: "STAFF" };
    const id = await draft();
    await policyStep(author, id, "submit", { ip });
    await policyStep(reviewer, id, "approve", { ip });
    const manager = { ...admin, orgUnitPath: null };
    const r = await createReading(
      manager,
      { docId: id, unitId: unit.id, withSubunits: "on", dueDate: "2026-12-31" },
      ip,
    );
    expect(r.ok).toBe(true);
    const who = { ...member, orgUnitId: sub.id, orgUnitPath: sub.path };
    // The reader's own list on /policy: assigned, not yet confirmed, with the due date.
    expect((await myReadings(who)).find((m) => m.docId === id)).toMatchObject({
      dueDate: "2026-12-31",
      confirmedAt: null,
    });
    expect((await confirmRead(who, id, 1, ip)).ok).toBe(true);
    expect((await myReadings(who)).find((m) => m.docId === id)?.confirmedAt).toBeTruthy();
    expect(await myReadings({ ...expert, orgUnitId: null, orgUnitPath: null })).toEqual([]);
    expect((await confirmRead(who, id, 1, ip)).ok).toBe(true);
    expect(await countRows("PolicyReadConfirm", (q) => q.where("docId", "=", id))).toBe(1);
    const detail = await readingDetail(manager, r.ok ? r.id : 0);
    expect(detail.ok && detail.people.filter((p) => p.confirmedAt).map((p) => p.id)).toEqual([
      member.id,
    ]);
    const outsider = { ...expert, orgUnitId: null, orgUnitPath: null };
    expect(await confirmRead(outsider, id, 1, ip)).toMatchObject({ ok: false, status: 403 });
    const otherManager = {
      id: reviewer.id,
      username: reviewer.username,
      role: "MANAGER",
      orgUnitPath: sub.path,
    };
    expect(await readingDetail(otherManager, r.ok ? r.id : 0)).toMatchObject({
      ok: false,
      status: 403,
    });
  });
});
