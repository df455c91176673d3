import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { renderMarkdown } from "#app/modules/content/markdown.server.ts";
import { lawEntries, currentVersion, plainTitle } from "#app/modules/laws/library.server.ts";
import { parseLawQuery, type LawName } from "#app/modules/laws/query.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import type { EventRow } from "./events.server.ts";

// 研讨记录 (issue 20): the organiser's minutes, conclusions, cases and articles cited. Articles
// are cited one per line, as a reader types them into the statute search ("《行政处罚法》第三十二条",
// "民法典1165条") or as a lesson's directive (:cite{law="…" article="…"}). Each is resolved
// against the statute library and rendered by the lessons' renderer (content/markdown.server.ts):
// a law or article the library does not hold is refused, never stored, never invented.

const DIRECTIVE = /^:cite\{[^}]*\}$/;

let names: LawName[] | undefined;
function lawNames(): LawName[] {
  names ??= [...lawEntries().values()].flatMap((entry) => {
    const law = currentVersion(entry);
    return [...new Set([law.title, plainTitle(law.title), ...entry.aliases])].map((name) => ({
      lawId: entry.id,
      name,
    }));
  });
  return names;
}

/** The citation lines as :cite directives, or the first line that names no article. */
export function parseCitations(
  text: string,
): { ok: true; source: string } | { ok: false; message: string } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    if (DIRECTIVE.test(line)) {
      out.push(line);
      continue;
    }
    const parsed = parseLawQuery(line, lawNames());
    if (parsed.type !== "article")
      return {
        ok: false,
        message: `第 ${i + 1} 行无法识别为法条：请每行写一条，如《行政处罚法》第三十二条（只能引用法规库中的法律）`,
      };
    out.push(`:cite{law="${parsed.lawId}" article="${parsed.number}"}`);
  }
  if (out.length > 30) return { ok: false, message: "一次最多引用 30 条" };
  const source = out.join("\n");
  const rendered = renderMarkdown(citationMarkdown(source));
  if (rendered.problems.length)
    return { ok: false, message: `引用的法条不存在：${rendered.problems[0]!.message}` };
  return { ok: true, source };
}

/** One list item per citation: each renders as a link to the article. */
const citationMarkdown = (source: string) =>
  source
    .split("\n")
    .filter(Boolean)
    .map((l) => `- ${l}`)
    .join("\n");

export function renderCitations(source: string): string {
  return source ? renderMarkdown(citationMarkdown(source)).html : "";
}

type RecordInput = { minutes: string; conclusions: string; casesCited: string; citations: string };

export async function saveRecord(
  actor: Pick<SessionUser, "id" | "username">,
  event: EventRow,
  input: RecordInput,
  ip: string | null,
  now = new Date(),
) {
  if (event.kind !== "CASE_STUDY")
    return { ok: false as const, field: "minutes", message: "只有案例研讨需要填写研讨记录" };
  const cites = parseCitations(input.citations);
  if (!cites.ok) return { ok: false as const, field: "citations", message: cites.message };
  const row = {
    minutes: input.minutes,
    conclusions: input.conclusions,
    casesCited: input.casesCited,
    citations: cites.source,
    updatedById: actor.id,
    updatedAt: now,
  };
  await write(async (tx) => {
    await tx
      .insertInto("EventRecord")
      .values({ eventId: event.id, ...row })
      .onConflict((oc) => oc.column("eventId").doUpdateSet(row))
      .execute();
    await audit(tx, {
      actor,
      action: "EVENT_RECORD",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip,
      detail: { citations: cites.source.split("\n").filter(Boolean).length },
    });
  });
  return { ok: true as const };
}

/** The record with its citations rendered from the library, or null. */
export async function getRecord(eventId: number) {
  const r = await db()
    .selectFrom("EventRecord")
    .select(["minutes", "conclusions", "casesCited", "citations", "updatedAt"])
    .where("eventId", "=", eventId)
    .executeTakeFirst();
  return r ? { ...r, citationsHtml: renderCitations(r.citations) } : null;
}

/** The citation lines as the organiser sees them again in the form ("《…》第N条"). */
export function citationLinesForForm(source: string): string {
  return source
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const law = /law="([^"]*)"/.exec(l)?.[1];
      const article = /article="(\d+)"/.exec(l)?.[1];
      const entry = law ? lawEntries().get(law) : undefined;
      return entry && article && !/ v="/.test(l)
        ? `《${plainTitle(currentVersion(entry).title)}》第${article}条`
        : l;
    })
    .join("\n");
}

/** Feedback after attending: one per person (a second replaces the first). */
export async function saveFeedback(
  user: Pick<SessionUser, "id" | "username">,
  event: EventRow,
  input: { rating: number; comment: string },
  ip: string | null,
  now = new Date(),
) {
  const attended = await db()
    .selectFrom("EventAttendance")
    .select("userId")
    .where("eventId", "=", event.id)
    .where("userId", "=", user.id)
    .executeTakeFirst();
  if (!attended) return { ok: false as const, message: "签到参加活动后才能评价" };
  await write(async (tx) => {
    await tx
      .insertInto("EventFeedback")
      .values({ eventId: event.id, userId: user.id, ...input, createdAt: now })
      .onConflict((oc) =>
        oc.columns(["eventId", "userId"]).doUpdateSet({ ...input, createdAt: now }),
      )
      .execute();
    await audit(tx, {
      actor: user,
      action: "EVENT_FEEDBACK",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip,
      detail: { rating: input.rating },
    });
  });
  return { ok: true as const };
}

export function myFeedback(eventId: number, userId: number) {
  return db()
    .selectFrom("EventFeedback")
    .select(["rating", "comment"])
    .where("eventId", "=", eventId)
    .where("userId", "=", userId)
    .executeTakeFirst();
}
