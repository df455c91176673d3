import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { renderMarkdown } from "#app/modules/content/markdown.server.ts";
import { policyRights } from "./access.server.ts";
import { instrumentProblem, parseArticleList } from "./instrument.server.ts";
import { splitFaq, splitPoints, type PolicyEditInput } from "./schemas.ts";

// Drafts of 政策解读: the author's working copy (decision 0023). Only the author edits, and
// only while the doc is a draft; a 新法速递 nobody has taken yet goes to the first section
// member who saves it.

export type Actor = { id: number; username: string; role: string };
export type PolicyResult =
  | { ok: true; id: number }
  | { ok: false; status: 400 | 403 | 404 | 409; message: string; field?: string };

const fail = (status: 400 | 403 | 404 | 409, message: string, field?: string) =>
  ({ ok: false, status, message, field }) as const;

/** The form's values as columns, or the field error the library or the renderer finds. */
function workingCopy(input: PolicyEditInput) {
  const law = input.instrument === "law";
  if (law) {
    const problem = instrumentProblem(input.lawId!, input.articles);
    if (problem) return fail(400, problem.message, problem.field);
  }
  const rendered = renderMarkdown(input.body);
  if (rendered.problems.length > 0)
    return fail(
      400,
      `正文第 ${rendered.problems[0]!.line} 行：${rendered.problems[0]!.message}`,
      "body",
    );
  return {
    ok: true as const,
    row: {
      title: input.title,
      lawId: law ? input.lawId! : null,
      articles: law ? (parseArticleList(input.articles) ?? []).join(",") : "",
      docTitle: law ? null : input.docTitle,
      docNumber: law ? null : input.docNumber,
      docDate: law ? null : input.docDate || null,
      body: input.body,
      keyPoints: JSON.stringify(splitPoints(input.keyPoints)),
      faq: JSON.stringify(splitFaq(input.faq)),
      forStaff: Boolean(input.forStaff),
      forEnterprise: Boolean(input.forEnterprise),
      isPublic: Boolean(input.isPublic),
      industries: JSON.stringify(input.industries),
    },
  };
}

export async function createDraft(
  user: Actor,
  input: PolicyEditInput,
  ip: string | null,
): Promise<PolicyResult> {
  if (!(await policyRights(user)).author)
    return fail(403, "只有政策法规科人员或法律专家可以撰写政策解读");
  const copy = workingCopy(input);
  if (!copy.ok) return copy;
  return write(async (tx) => {
    const now = new Date();
    const doc = await tx
      .insertInto("PolicyDoc")
      .values({
        kind: "INTERPRETATION",
        stage: "DRAFT",
        authorId: user.id,
        ...copy.row,
        createdAt: now,
        updatedAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, {
      actor: user,
      action: "POLICY_CREATE",
      objectType: "policyDoc",
      objectId: doc.id,
      result: "SUCCESS",
      ip,
    });
    return { ok: true, id: doc.id } as const;
  });
}

export async function updateDraft(
  user: Actor,
  id: number,
  input: PolicyEditInput,
  ip: string | null,
): Promise<PolicyResult> {
  const rights = await policyRights(user);
  if (!rights.author) return fail(403, "只有政策法规科人员或法律专家可以修改政策解读");
  const copy = workingCopy(input);
  if (!copy.ok) return copy;
  return write(async (tx) => {
    const doc = await tx
      .selectFrom("PolicyDoc")
      .select(["id", "stage", "authorId"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!doc) return fail(404, "政策解读不存在");
    const takes = doc.authorId === null && rights.member;
    if (doc.authorId !== user.id && !takes) return fail(403, "只有作者本人可以修改这篇解读");
    if (doc.stage !== "DRAFT")
      return fail(409, "只有草稿可以修改；审核中或已发布的解读请先退回或修订");
    await tx
      .updateTable("PolicyDoc")
      .set({ ...copy.row, authorId: user.id, updatedAt: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(tx, {
      actor: user,
      action: takes ? "POLICY_TAKE" : "POLICY_UPDATE",
      objectType: "policyDoc",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return { ok: true, id } as const;
  });
}

/** The manage list: section members and ADMIN see every doc, an EXPERT his own. */
export async function manageList(user: Actor) {
  const rights = await policyRights(user);
  let q = db()
    .selectFrom("PolicyDoc as d")
    .leftJoin("User as a", "a.id", "d.authorId")
    .select([
      "d.id",
      "d.kind",
      "d.stage",
      "d.title",
      "d.publishedVersion",
      "d.updatedAt",
      "d.authorId",
      "a.name as author",
    ])
    .orderBy("d.updatedAt", "desc")
    .orderBy("d.id", "desc")
    .limit(200);
  if (!rights.member && !rights.admin) q = q.where("d.authorId", "=", user.id);
  return { rights, docs: await q.execute() };
}

/** One doc for its manage page, with its review trail and versions. */
export async function manageDoc(id: number) {
  const doc = await db()
    .selectFrom("PolicyDoc as d")
    .leftJoin("User as a", "a.id", "d.authorId")
    .selectAll("d")
    .select("a.name as author")
    .where("d.id", "=", id)
    .executeTakeFirst();
  if (!doc) return null;
  const [reviews, versions] = await Promise.all([
    db()
      .selectFrom("PolicyReview as r")
      .innerJoin("User as u", "u.id", "r.actorId")
      .select(["r.id", "r.action", "r.comment", "r.at", "u.name as actor"])
      .where("r.docId", "=", id)
      .orderBy("r.at")
      .orderBy("r.id")
      .execute(),
    db()
      .selectFrom("PolicyVersion")
      .select(["version", "publishedAt", "title"])
      .where("docId", "=", id)
      .orderBy("version", "desc")
      .execute(),
  ]);
  return { doc, reviews, versions };
}
