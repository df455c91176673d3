import crypto from "node:crypto";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import type { Answers } from "#app/modules/learning/grading.ts";
import { isCorrect, validAnswer } from "#app/modules/learning/grading.ts";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";
import { storedOrderViews } from "#app/modules/learning/quiz-view.server.ts";
import { answerKey, staffBankPick } from "./bank.server.ts";

// 每日一题 (issue 19): one question a day from the staff banks, the same for everyone in a unit
// on a Beijing calendar day, one answer per person per day (unique index), a streak of
// consecutive days. It writes only DailyAnswer: no 学时, no 错题本, no course records.

type Person = { id: number; orgUnitId: number | null };
const DAY_MS = 86_400_000;

/** The Beijing calendar date of an instant, "YYYY-MM-DD". */
export function beijingDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar day before `day` ("YYYY-MM-DD"). */
export function previousDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

// A pure function of (unit, day), asked on every staff and manager home: a SHA-256 per request
// was about 1 % of the staff home's CPU, so the hashes are remembered (nothing from the database).
const hashes = new Map<string, number>();
const MAX_HASHES = 10_000;

/** The unit's and day's hash that picks the question (a 32-bit unsigned integer). */
export function pickHash(unitId: number, day: string): number {
  const key = `daily:${unitId}:${day}`;
  let hash = hashes.get(key);
  if (hash === undefined) {
    hash = crypto.createHash("sha256").update(key).digest().readUInt32BE(0);
    if (hashes.size >= MAX_HASHES) hashes.clear();
    hashes.set(key, hash);
  }
  return hash;
}

/** Deterministic pick: a hash of unit and day indexes the stable list of question ids. */
export function pickIndex(unitId: number, day: string, size: number): number {
  return pickHash(unitId, day) % size;
}

/**
 * Today's question id for the person's unit (people without a unit share unit 0), or null when
 * the bank is empty: staffBankIds()[pickIndex(…)], picked by the database (staffBankPick).
 */
export async function dailyQuestionId(person: Person, now: Date): Promise<number | null> {
  return staffBankPick(pickHash(person.orgUnitId ?? 0, beijingDay(now)));
}

// The home runs these on every request: compiled once (issue 14).
const OWN_ANSWER = compiled((q, userId: number, day: string) =>
  q
    .selectFrom("DailyAnswer")
    .select(["questionId", "answer", "correct"])
    .where("userId", "=", userId)
    .where("day", "=", day),
);
const ANSWERED_DAYS = compiled((q, userId: number, today: string, max: number) =>
  q
    .selectFrom("DailyAnswer")
    .select("day")
    .where("userId", "=", userId)
    .where("day", "<=", today)
    .orderBy("day", "desc")
    .limit(max),
);

function ownAnswer(userId: number, day: string) {
  return OWN_ANSWER.first(db(), userId, day);
}

/** The person's answered days up to today, newest first (the (userId, day) index only). */
function answeredDays(userId: number, today: string) {
  return ANSWERED_DAYS.read(userId, today, 3660);
}

function streakOf(rows: { day: string }[], today: string): number {
  const days = new Set(rows.map((r) => r.day));
  let day = days.has(today) ? today : previousDay(today);
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day = previousDay(day);
  }
  return streak;
}

/** Consecutive Beijing days answered, ending today (or yesterday while today is still open). */
export async function dailyStreak(userId: number, now: Date): Promise<number> {
  const today = beijingDay(now);
  return streakOf(await answeredDays(userId, today), today);
}

export type DailyView = {
  day: string;
  question: QuestionView | null;
  answered: { correct: boolean } | null;
  streak: number;
};

/** What the home page shows: today's question (or the one answered today, with its review) and the streak. */
export async function dailyView(person: Person, now: Date): Promise<DailyView> {
  const day = beijingDay(now);
  // The answered days first: today's answer is read only when today is among them (most
  // requests come before the day's answer: one statement fewer on every home; issue 14).
  const days = await answeredDays(person.id, day);
  const mine = days[0]?.day === day ? await ownAnswer(person.id, day) : undefined;
  const questionId = mine?.questionId ?? (await dailyQuestionId(person, now));
  const streak = streakOf(days, day);
  if (questionId === null) return { day, question: null, answered: null, streak };
  const given: Answers = mine ? { [questionId]: JSON.parse(mine.answer) as string[] } : {};
  // The options in their stored order, from the one read of the question's row.
  const [question] = await storedOrderViews([questionId], given, Boolean(mine));
  return {
    day,
    question: question ?? null,
    answered: mine ? { correct: mine.correct } : null,
    streak,
  };
}

export type DailyResult =
  | { ok: true; correct: boolean; already: boolean }
  | { ok: false; status: 400 | 409; message: string };

/**
 * Records today's answer. Only today's question for the person's unit is accepted; a second
 * answer the same day (another tab, a replay) changes nothing and reports the first result.
 */
export async function answerDaily(person: Person, given: Answers, now: Date): Promise<DailyResult> {
  const entries = Object.entries(given);
  if (entries.length !== 1) return { ok: false, status: 400, message: "请回答今天的一道题" };
  const [qid, answer] = entries[0]!;
  const day = beijingDay(now);
  const first = await ownAnswer(person.id, day);
  if (first) return { ok: true, correct: first.correct, already: true };
  const todays = await dailyQuestionId(person, now);
  if (todays === null || Number(qid) !== todays)
    return { ok: false, status: 409, message: "题目已更新，请刷新页面后回答今天的题目" };
  const key = (await answerKey([todays])).get(todays);
  if (!key || !validAnswer(key.type, key.optionIds, answer))
    return { ok: false, status: 400, message: "请选择有效的答案" };
  const correct = isCorrect(answer, key.answer);
  return write(async (tx) => {
    const inserted = await tx
      .insertInto("DailyAnswer")
      .values({
        userId: person.id,
        day,
        questionId: todays,
        answer: JSON.stringify(answer),
        correct,
        answeredAt: now,
      })
      .onConflict((oc) => oc.columns(["userId", "day"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1)
      return { ok: true, correct, already: false };
    const won = await tx
      .selectFrom("DailyAnswer")
      .select("correct")
      .where("userId", "=", person.id)
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    return { ok: true, correct: won.correct, already: true };
  });
}
