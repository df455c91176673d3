import type { ExpressionBuilder, Selectable } from "kysely";
import { db, write, type DB } from "#app/data/db.server.ts";
import type { PolicyVersionTable } from "#app/data/schema.generated.ts";
import { containsText } from "#app/data/portable.server.ts";
import { beijingDay } from "#app/modules/home/time.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";
import { isSectionMember } from "./access.server.ts";
import { instrumentLabel, instrumentView } from "./instrument.server.ts";
import type { Faq, PolicyListQuery } from "./schemas.ts";

// What readers see: the newest published version of each doc addressed to them. Public docs
// need no login (like /verify); staff read what is addressed to staff, enterprises what is
// addressed to enterprises; section members, experts and ADMIN read all.

export type Reader = { id: number; role: string } | null;
export type Audience = "all" | "staff" | "enterprise" | "public";
const PAGE_SIZE = 20;

export async function audienceOf(user: Reader): Promise<Audience> {
  if (!user) return "public";
  if (user.role === "EXPERT" || user.role === "ADMIN") return "all";
  if (user.role === "STAFF" || user.role === "MANAGER")
    return (await isSectionMember(user.id)) ? "all" : "staff";
  if (user.role === "ENTERPRISE") return "enterprise";
  return "public";
}

function addressed(audience: Audience) {
  return (eb: ExpressionBuilder<DB & { v: DB["PolicyVersion"] }, "v">) =>
    audience === "all"
      ? eb.lit(true)
      : audience === "staff"
        ? eb.or([eb("v.isPublic", "=", true), eb("v.forStaff", "=", true)])
        : audience === "enterprise"
          ? eb.or([eb("v.isPublic", "=", true), eb("v.forEnterprise", "=", true)])
          : eb("v.isPublic", "=", true);
}

function published() {
  return db()
    .selectFrom("PolicyDoc as d")
    .innerJoin("PolicyVersion as v", (j) =>
      j.onRef("v.docId", "=", "d.id").onRef("v.version", "=", "d.publishedVersion"),
    )
    .where("d.publishedVersion", ">", 0)
    .where("d.stage", "!=", "REPEALED");
}

const DAY_MS = 86_400_000;

/** The readers' list: newest first, 20 to a page, filtered by instrument, industry and date. */
export async function listPublished(user: Reader, filter: PolicyListQuery) {
  const audience = await audienceOf(user);
  let q = published().where(addressed(audience));
  if (filter.q) {
    const text = filter.q;
    q = q.where((eb) => eb.or([containsText("v.title", text), containsText("v.docTitle", text)]));
  }
  if (filter.law === "other") q = q.where("v.lawId", "is", null);
  else if (filter.law) q = q.where("v.lawId", "=", filter.law);
  if (filter.industry) {
    const industry = filter.industry;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("PolicyTag as t")
          .select("t.docId")
          .whereRef("t.docId", "=", "d.id")
          .where("t.industry", "in", [industry, "通用"]),
      ),
    );
  }
  if (filter.from) q = q.where("v.publishedAt", ">=", shanghaiDayStart(filter.from));
  if (filter.to)
    q = q.where("v.publishedAt", "<", new Date(shanghaiDayStart(filter.to).getTime() + DAY_MS));
  const [{ total }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    q
      .select([
        "d.id",
        "d.kind",
        "d.publishedVersion",
        "v.title",
        "v.lawId",
        "v.articles",
        "v.docTitle",
        "v.docNumber",
        "v.docDate",
        "v.industries",
        "v.publishedAt",
        "v.isPublic",
      ])
      .select((eb) =>
        eb
          .selectFrom("PolicyRead as r")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("r.docId", "=", "d.id")
          .as("reads"),
      )
      .orderBy("v.publishedAt", "desc")
      .orderBy("d.id", "desc")
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  return {
    total: Number(total),
    pageSize: PAGE_SIZE,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      version: r.publishedVersion,
      instrument: instrumentLabel(instrumentView(r)),
      industries: parseList(r.industries),
      publishedAt: r.publishedAt,
      isPublic: r.isPublic,
      reads: Number(r.reads ?? 0),
    })),
  };
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

function parseFaq(json: string): Faq[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v)
      ? v.flatMap((f: unknown) =>
          f && typeof f === "object" && "q" in f && "a" in f
            ? [{ q: String(f.q), a: String(f.a) }]
            : [],
        )
      : [];
  } catch {
    return [];
  }
}

export type ReadResult =
  | { ok: true; page: Awaited<ReturnType<typeof readingPage>> }
  | { ok: false; status: 401 | 403 | 404; message: string };

/** One doc for a reader: `version` (default the newest) if it is addressed to him. */
export async function readDoc(user: Reader, id: number, version?: number): Promise<ReadResult> {
  const doc = await db()
    .selectFrom("PolicyDoc")
    .select([
      "id",
      "kind",
      "stage",
      "publishedVersion",
      "repealedAt",
      "expressLawId",
      "expressVersion",
      "expressFrom",
    ])
    .where("id", "=", id)
    .where("publishedVersion", ">", 0)
    .executeTakeFirst();
  if (!doc) return { ok: false, status: 404, message: "政策解读不存在或尚未发布" };
  const v = await db()
    .selectFrom("PolicyVersion")
    .selectAll()
    .where("docId", "=", id)
    .where("version", "=", version ?? doc.publishedVersion)
    .executeTakeFirst();
  if (!v) return { ok: false, status: 404, message: "没有这个版本" };
  // Whether a reader may see it is decided by the newest version's audience.
  const audience = await audienceOf(user);
  const newest = await db()
    .selectFrom("PolicyVersion as v")
    .select("v.id")
    .where("v.docId", "=", id)
    .where("v.version", "=", doc.publishedVersion)
    .where(addressed(audience))
    .executeTakeFirst();
  if (!newest)
    return user
      ? { ok: false, status: 403, message: "这篇政策解读不面向您所在的读者群体" }
      : { ok: false, status: 401, message: "请登录后阅读" };
  return { ok: true, page: await readingPage(doc, v) };
}

async function readingPage(
  doc: {
    id: number;
    kind: string;
    stage: string;
    publishedVersion: number;
    repealedAt: Date | null;
    expressLawId: string | null;
    expressVersion: string | null;
    expressFrom: string | null;
  },
  v: Selectable<PolicyVersionTable>,
) {
  const [versions, reads] = await Promise.all([
    db()
      .selectFrom("PolicyVersion")
      .select(["version", "publishedAt"])
      .where("docId", "=", doc.id)
      .orderBy("version", "desc")
      .execute(),
    db()
      .selectFrom("PolicyRead")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("docId", "=", doc.id)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    id: doc.id,
    kind: doc.kind,
    repealed: doc.stage === "REPEALED",
    newest: doc.publishedVersion,
    version: v.version,
    title: v.title,
    instrument: instrumentView(v),
    bodyHtml: v.bodyHtml,
    keyPoints: parseList(v.keyPoints),
    faq: parseFaq(v.faq),
    industries: parseList(v.industries),
    audience: { forStaff: v.forStaff, forEnterprise: v.forEnterprise, isPublic: v.isPublic },
    publishedAt: v.publishedAt,
    versions,
    reads: Number(reads.n),
    compareUrl:
      doc.expressLawId && doc.expressFrom && doc.expressVersion
        ? `/laws/${doc.expressLawId}/compare?from=${doc.expressFrom}&to=${doc.expressVersion}`
        : null,
  };
}

/** Read counts (decision 0023): one per signed-in reader per Beijing day; anonymous reads are not counted. */
export async function recordRead(userId: number, docId: number, now = new Date()): Promise<void> {
  const day = beijingDay(now);
  const seen = await db()
    .selectFrom("PolicyRead")
    .select("docId")
    .where("docId", "=", docId)
    .where("userId", "=", userId)
    .where("day", "=", day)
    .executeTakeFirst();
  if (seen) return;
  await write((tx) =>
    tx
      .insertInto("PolicyRead")
      .values({ docId, userId, day })
      .onConflict((oc) => oc.columns(["docId", "userId", "day"]).doNothing())
      .execute(),
  );
}

/** The enterprise home card: the newest docs addressed to enterprises (or everyone). */
export async function latestForEnterprise(limit = 5) {
  return published()
    .where(addressed("enterprise"))
    .select(["d.id", "v.title", "v.publishedAt"])
    .orderBy("v.publishedAt", "desc")
    .orderBy("d.id", "desc")
    .limit(limit)
    .execute();
}
