import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "#app/data/db.server.ts";
import { courseCitations } from "#app/modules/laws/citations.server.ts";
import {
  lessonNotices,
  libraryVersions,
  listFlags,
  recordVersions,
  reviewFlag,
} from "#app/modules/laws/citation-flags.server.ts";
import { lawEntries } from "#app/modules/laws/library.server.ts";
import { makeUser } from "./helpers.ts";

// Amendment flags with the real 行政复议法 pair: a fixture course cites 2017 第十二条
// (unpinned, in a lesson paragraph and a question explanation) and, pinned, the
// 2017 text again. Decision 0015, part 7.

const LAW = "administrative-reconsideration-law";
const COURSE = "reconsideration-2017";
const citations = courseCitations(path.resolve("tests/fixtures/courses-amended"));
const all = libraryVersions(lawEntries().values());
const before2023 = all.filter((v) => !(v.lawId === LAW && v.key === "2023"));
const NOW = new Date("2026-06-01T10:00:00+08:00");

beforeEach(async () => {
  await db().deleteFrom("CitationFlag").execute();
  await db().deleteFrom("CitationBaseline").execute();
});

/** The course has resolved its citations in 2017; then the 2023 version is loaded. */
async function load2023(courseVersions?: Record<string, string>) {
  expect((await recordVersions({ versions: before2023, citations, now: NOW })).flagged).toBe(0);
  return recordVersions({ versions: all, citations, now: NOW, courseVersions });
}

describe("amendment flags", () => {
  it("flags the lesson paragraph and the question citing 2017 第十二条 when the 2023 version is loaded, not the pinned citation", async () => {
    expect((await load2023()).flagged).toBe(2);
    const { flags, total } = await listFlags({ page: 1 });
    expect(total).toBe(2);
    const lesson = flags.find((f) => f.lessonSlug === "jurisdiction")!;
    expect(lesson).toMatchObject({
      lawId: LAW,
      courseSlug: COURSE,
      paragraph: 3,
      article: 12,
      change: "moved-and-changed",
      newArticle: 27,
      fromVersion: "2017",
      toVersion: "2023",
      toEffective: "2024-01-01",
      status: "open",
    });
    expect(lesson.oldText).toContain("具体行政行为");
    expect(lesson.newText).not.toContain("具体行政行为");
    expect(flags.find((f) => f.questionKey === "r1")).toMatchObject({ article: 12 });
  });

  it("does not flag a course on its first sync: its citations resolve in the version in force", async () => {
    expect((await recordVersions({ versions: all, citations, now: NOW })).flagged).toBe(0);
    expect((await listFlags({ page: 1 })).total).toBe(0);
  });

  it("flags once: a restart (the same sync again) creates no second flag", async () => {
    await load2023();
    expect((await recordVersions({ versions: all, citations, now: NOW })).flagged).toBe(0);
    expect((await listFlags({ page: 1 })).total).toBe(2);
  });

  it("flags when today passes the new version's effective date (both files already loaded)", async () => {
    const before = new Date("2023-06-01T10:00:00+08:00");
    expect((await recordVersions({ versions: all, citations, now: before })).flagged).toBe(0);
    expect((await recordVersions({ versions: all, citations, now: NOW })).flagged).toBe(2);
  });

  it("shows learners one notice per cited article until the flag is reviewed 已核对", async () => {
    await load2023();
    const notices = await lessonNotices({ course: COURSE, lesson: "jurisdiction" });
    expect(notices).toEqual(["本课引用的《行政复议法》第十二条已于 2024-01-01 修改，内容正在核对"]);
    const admin = await makeUser({ role: "ADMIN" });
    const { flags } = await listFlags({ page: 1 });
    const lessonFlag = flags.find((f) => f.lessonSlug)!;
    expect(await reviewFlag({ flagId: lessonFlag.id, decision: "confirmed", admin })).toEqual({
      ok: true,
    });
    expect(await lessonNotices({ course: COURSE, lesson: "jurisdiction" })).toEqual([]);
  });

  it("audits every review in the same transaction and refuses a second review of a confirmed flag (409)", async () => {
    await load2023();
    const admin = await makeUser({ role: "ADMIN" });
    const [flag] = (await listFlags({ page: 1 })).flags;
    await reviewFlag({ flagId: flag!.id, decision: "needs-edit", note: "改为第二十七条", admin });
    const row = await db()
      .selectFrom("AuditLog")
      .select(["action", "objectId", "detail", "actorId"])
      .where("action", "=", "CITATION_REVIEW")
      .where("objectId", "=", String(flag!.id))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actorId: admin.id, detail: '{"decision":"needs-edit"}' });
    await reviewFlag({ flagId: flag!.id, decision: "confirmed", admin });
    expect(await reviewFlag({ flagId: flag!.id, decision: "confirmed", admin })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await reviewFlag({ flagId: 999_999, decision: "confirmed", admin })).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it("resolves 需修改 flags at the next sync once the course's content has changed", async () => {
    await load2023({ [COURSE]: "v1" });
    const admin = await makeUser({ role: "ADMIN" });
    const [flag] = (await listFlags({ page: 1 })).flags;
    await reviewFlag({ flagId: flag!.id, decision: "needs-edit", admin });
    await recordVersions({
      versions: all,
      citations,
      now: NOW,
      courseVersions: { [COURSE]: "v1" },
    });
    expect((await listFlags({ page: 1, status: "needs-edit" })).total).toBe(1);
    await recordVersions({
      versions: all,
      citations,
      now: NOW,
      courseVersions: { [COURSE]: "v2" },
    });
    expect((await listFlags({ page: 1, status: "resolved" })).total).toBe(1);
  });
});
