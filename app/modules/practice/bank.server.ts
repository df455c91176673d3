import { compiled } from "#app/data/compiled.server.ts";
import { db } from "#app/data/db.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import type { Answers, DrawItem, Option } from "#app/modules/learning/grading.ts";
import { validAnswer } from "#app/modules/learning/grading.ts";

// The staff question banks as practice reads them (issue 19), through the data layer only.

/** Active questions of active courses open to staff (audience STAFF or ALL), in id order. */
export function staffBank() {
  return db()
    .selectFrom("Question as q")
    .innerJoin("Course as c", "c.id", "q.courseId")
    .select(["q.id", "q.type", "q.options"])
    .where("q.active", "=", true)
    .where("c.active", "=", true)
    .where("c.audience", "in", ["STAFF", "ALL"])
    .orderBy("q.id")
    .execute();
}

const BANK_IDS = compiled((q, staff: string, all: string) =>
  q
    .selectFrom("Question as q")
    .innerJoin("Course as c", "c.id", "q.courseId")
    .select("q.id")
    .where("q.active", "=", true)
    .where("c.active", "=", true)
    .where("c.audience", "in", [staff, all])
    .orderBy("q.id"),
);

/**
 * The ids of the staff bank, a stable list: the same day and unit always pick the same entry.
 * Only the ids are read (every staff and manager home asks for it; issue 14).
 */
export async function staffBankIds(): Promise<number[]> {
  return (await BANK_IDS.read("STAFF", "ALL")).map((q) => q.id);
}

let keptBank: { version: number; ids: number[] } | null = null;

/**
 * The id at position `hash % size` of staffBankIds(), or null when the bank is empty. The id
 * list is kept in the process under RollupVersion 5 (decision 0014): one primary-key read per
 * call tells whether it is still the database's, also across processes; the version is read
 * before the list, so a write in between can only make the next call read the list again
 * (issue 14: a count and an offset walk over the 519 ids of the bench bank on every home).
 */
export async function staffBankPick(hash: number): Promise<number | null> {
  const version = await rollupVersion(ROLLUP.staffBank);
  let ids: number[];
  if (version === null) ids = await staffBankIds();
  else if (keptBank?.version === version) ids = keptBank.ids;
  else {
    ids = await staffBankIds();
    keptBank = { version, ids };
  }
  return ids.length === 0 ? null : ids[hash % ids.length]!;
}

export type KeyEntry = { type: string; optionIds: string[]; answer: string[] };

async function questionRows(ids: number[]) {
  if (ids.length === 0) return [];
  return db()
    .selectFrom("Question")
    .select(["id", "type", "scenarioHtml", "stem", "options", "answer", "explanationHtml"])
    .where("id", "in", ids)
    .execute();
}

/** Type, option ids and right answer of each question. */
export async function answerKey(ids: number[]): Promise<Map<number, KeyEntry>> {
  const rows = await questionRows(ids);
  return new Map(
    rows.map((q) => [
      q.id,
      {
        type: q.type,
        optionIds: (JSON.parse(q.options) as Option[]).map((o) => o.id),
        answer: JSON.parse(q.answer) as string[],
      },
    ]),
  );
}

/** Whether every given answer belongs to the draw and is a valid choice for its question. */
export function answersProblem(
  key: Map<number, KeyEntry>,
  draw: DrawItem[],
  given: Answers,
): "outside" | "invalid" | null {
  const drawn = new Set(draw.map((d) => d.questionId));
  for (const [qid, answer] of Object.entries(given)) {
    const q = key.get(Number(qid));
    if (!q || !drawn.has(Number(qid))) return "outside";
    if (!validAnswer(q.type, q.optionIds, answer)) return "invalid";
  }
  return null;
}

// The form and review views of drawn questions live in one place (the letters of the review).
export { questionViews } from "#app/modules/learning/quiz-view.server.ts";
