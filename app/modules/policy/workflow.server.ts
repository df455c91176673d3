import type { Kysely } from "kysely";
import { write, type DB } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import type { AuditAction } from "#app/modules/audit/actions.ts";
import { renderMarkdown } from "#app/modules/content/markdown.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import { policyRights } from "./access.server.ts";
import type { Actor, PolicyResult } from "./docs.server.ts";
import { INDUSTRIES } from "./schemas.ts";

// The workflow 草稿 → 法规审核 → 已发布 → 已修订 / 已废止 (decision 0023). Every step is one
// write(): the state is checked and changed in the same transaction, and the update names the
// state it leaves, so of two reviewers approving and returning at once exactly one wins.

type Step = "submit" | "approve" | "return" | "revise" | "repeal";
const fail = (status: 400 | 403 | 404 | 409, message: string) =>
  ({ ok: false, status, message }) as const;

const FROM: Record<Step, string> = {
  submit: "DRAFT",
  approve: "REVIEW",
  return: "REVIEW",
  revise: "PUBLISHED",
  repeal: "PUBLISHED",
};
const WRONG_STAGE: Record<Step, string> = {
  submit: "只有草稿可以提交审核",
  approve: "该解读不在法规审核中，不能发布（请先提交审核）",
  return: "该解读不在法规审核中，不能退回",
  revise: "只有已发布的解读可以修订",
  repeal: "只有已发布的解读可以废止",
};
const AUDIT: Record<Step, AuditAction> = {
  submit: "POLICY_SUBMIT",
  approve: "POLICY_APPROVE",
  return: "POLICY_RETURN",
  revise: "POLICY_REVISE",
  repeal: "POLICY_REPEAL",
};

export type PolicyStep = Step;

export async function policyStep(
  user: Actor,
  id: number,
  step: Step,
  opts: { comment?: string; ip: string | null; now?: Date },
): Promise<PolicyResult> {
  const rights = await policyRights(user);
  const now = opts.now ?? new Date();
  if ((step === "submit" || step === "revise") && !rights.author)
    return fail(403, "只有政策法规科人员或法律专家可以撰写政策解读");
  if ((step === "approve" || step === "return" || step === "repeal") && !rights.member)
    return fail(403, "只有政策法规科人员可以审核或废止政策解读");
  return write(async (tx) => {
    const doc = await tx
      .selectFrom("PolicyDoc")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!doc) return fail(404, "政策解读不存在");
    if (step === "submit" && doc.authorId !== user.id) return fail(403, "只有作者本人可以提交审核");
    if ((step === "approve" || step === "return") && doc.authorId === user.id)
      return fail(403, "不能审核自己撰写的解读，请由政策法规科的其他人员审核");
    if (doc.stage !== FROM[step]) return fail(409, WRONG_STAGE[step]);
    if (step === "submit") {
      const missing = incomplete(doc);
      if (missing) return fail(400, missing);
    }
    const set =
      step === "submit"
        ? { stage: "REVIEW", submittedAt: now }
        : step === "approve"
          ? { stage: "PUBLISHED", publishedVersion: doc.publishedVersion + 1, publishedAt: now }
          : step === "return"
            ? { stage: "DRAFT" }
            : step === "revise"
              ? { stage: "DRAFT", authorId: user.id }
              : { stage: "REPEALED", repealedAt: now };
    const moved = await tx
      .updateTable("PolicyDoc")
      .set({ ...set, updatedAt: now })
      .where("id", "=", id)
      .where("stage", "=", FROM[step])
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) return fail(409, WRONG_STAGE[step]);
    if (step === "submit" || step === "approve" || step === "return")
      await tx
        .insertInto("PolicyReview")
        .values({
          docId: id,
          actorId: user.id,
          action: step.toUpperCase(),
          comment: opts.comment || null,
          at: now,
        })
        .execute();
    if (step === "approve") await publish(tx, doc, doc.publishedVersion + 1, user.id, now);
    if (step === "return" && doc.authorId)
      await notify(
        tx,
        {
          userId: doc.authorId,
          kind: "policy",
          title: `政策解读被退回：${doc.title}`,
          body: opts.comment ?? "",
          link: `/policy/manage/${id}`,
        },
        now,
      );
    await audit(tx, {
      actor: user,
      action: AUDIT[step],
      objectType: "policyDoc",
      objectId: id,
      result: "SUCCESS",
      ip: opts.ip,
      detail: step === "approve" ? { version: doc.publishedVersion + 1 } : undefined,
    });
    return { ok: true, id } as const;
  });
}

function industriesOf(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list)
      ? list.filter((x): x is string => (INDUSTRIES as readonly string[]).includes(String(x)))
      : [];
  } catch {
    return [];
  }
}

/** Why a working copy cannot go to review yet (a 新法速递 is created without these). */
function incomplete(doc: {
  industries: string;
  forStaff: boolean;
  forEnterprise: boolean;
  isPublic: boolean;
  lawId: string | null;
  docTitle: string | null;
}): string | null {
  if (!doc.forStaff && !doc.forEnterprise && !doc.isPublic) return "请先在草稿中选择读者对象";
  if (industriesOf(doc.industries).length === 0) return "请先在草稿中选择适用行业";
  if (!doc.lawId && !doc.docTitle) return "请先在草稿中填写解读对象";
  return null;
}

type Published = {
  id: number;
  title: string;
  lawId: string | null;
  articles: string;
  docTitle: string | null;
  docNumber: string | null;
  docDate: string | null;
  body: string;
  keyPoints: string;
  faq: string;
  forStaff: boolean;
  forEnterprise: boolean;
  isPublic: boolean;
  industries: string;
  authorId: number | null;
};

/** The snapshot readers see, the filter tags, and the subscribers' notices (batched). */
async function publish(
  tx: Kysely<DB>,
  doc: Published,
  version: number,
  reviewerId: number,
  now: Date,
) {
  const industries = industriesOf(doc.industries);
  await tx
    .insertInto("PolicyVersion")
    .values({
      docId: doc.id,
      version,
      title: doc.title,
      lawId: doc.lawId,
      articles: doc.articles,
      docTitle: doc.docTitle,
      docNumber: doc.docNumber,
      docDate: doc.docDate,
      body: doc.body,
      bodyHtml: renderMarkdown(doc.body).html,
      keyPoints: doc.keyPoints,
      faq: doc.faq,
      forStaff: doc.forStaff,
      forEnterprise: doc.forEnterprise,
      isPublic: doc.isPublic,
      industries: JSON.stringify(industries),
      authorId: doc.authorId,
      reviewerId,
      publishedAt: now,
    })
    .execute();
  await tx.deleteFrom("PolicyTag").where("docId", "=", doc.id).execute();
  if (industries.length > 0)
    await tx
      .insertInto("PolicyTag")
      .values(industries.map((industry) => ({ docId: doc.id, industry })))
      .execute();
  if (!doc.forEnterprise && !doc.isPublic) return;
  // 通用 concerns every industry: its doc reaches every subscriber.
  let subscribers = tx
    .selectFrom("PolicySubscription as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .select("s.userId")
    .distinct()
    .where("u.role", "=", "ENTERPRISE")
    .where("u.disabled", "=", false);
  if (!industries.includes("通用")) subscribers = subscribers.where("s.industry", "in", industries);
  const users = await subscribers.orderBy("s.userId").execute();
  await notify(
    tx,
    users.map((u) => ({
      userId: u.userId,
      kind: "policy",
      title: version > 1 ? `政策解读已修订：${doc.title}` : `新的政策解读：${doc.title}`,
      body: `您订阅的行业有新的政策解读（${industries.join("、")}）。`,
      link: `/policy/${doc.id}`,
    })),
    now,
  );
}
