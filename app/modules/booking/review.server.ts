// 合同审查 as document work (issue 18, decision 0022): the enterprise sends the contract, its
// purpose and a 期望完成日期; the expert (or ADMIN for the office) accepts it with a promised
// date within his capacity of reviews in progress, or declines it. No slot is held: the row's
// startAt = endAt = the request's time and slotHold = "review:<uuid>", so it never blocks a slot.
import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { write, type DB } from "#app/data/db.server.ts";
import { chineseDay } from "#app/utils/dates.ts";
import { quotaAndNames, recordCreation, type BookingFailure } from "./bookings.server.ts";
import { discardFiles, type StoredFile } from "./files.server.ts";
import { mailNotices, noticeInApp, type BookingNotice } from "./notify.server.ts";
import type { ReviewRequestInput } from "./schemas.ts";
import { consultSettings } from "./settings.server.ts";
import { beijingDay } from "./slots.ts";

/** How far ahead a 期望完成日期 or a promised date may lie. */
export const REVIEW_HORIZON_DAYS = 180;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A wished or promised date lies from today (Beijing) up to the horizon; else why not. */
export function reviewDateProblem(day: string, now: Date, label: string): BookingFailure | null {
  const today = beijingDay(now.getTime());
  if (day < today) return { ok: false, status: 400, message: `${label}不能早于今天` };
  if (day > addDays(today, REVIEW_HORIZON_DAYS))
    return { ok: false, status: 400, message: `${label}最多在 ${REVIEW_HORIZON_DAYS} 天以内` };
  return null;
}

/**
 * The expert's accepted, unfinished reviews against the capacity setting. Read inside the
 * accepting `write()`: SQLite's single writer and PostgreSQL's SERIALIZABLE make the count and
 * the update one step, so two simultaneous accepts cannot both take the last place.
 */
export async function reviewCapacityProblem(
  tx: Kysely<DB>,
  expertId: number,
  capacity: number,
): Promise<BookingFailure | null> {
  const row = await tx
    .selectFrom("Booking")
    .select((c) => c.fn.countAll<number>().as("n"))
    .where("expertId", "=", expertId)
    .where("type", "=", "CONTRACT_REVIEW")
    .where("status", "=", "CONFIRMED")
    .where("wishDate", "is not", null)
    .executeTakeFirstOrThrow();
  if (Number(row.n) < capacity) return null;
  return {
    ok: false,
    status: 409,
    message: `该专家正在办理的合同审查已达上限（${capacity} 件），请先完成已受理的审查，或由系统管理员调整上限`,
  };
}

type Actor = { id: number; username: string };

/** A contract review request: contract files (checked and stored by the caller), no slot. */
export async function createReview(
  actor: Actor,
  enterpriseId: number,
  input: ReviewRequestInput,
  files: StoredFile[],
  ip: string | null,
  now = new Date(),
): Promise<BookingFailure | { ok: true; id: number }> {
  const settings = await consultSettings();
  let notice: BookingNotice | null = null;
  const refuse = (status: 400 | 404 | 409, message: string) => {
    discardFiles(files);
    return { ok: false as const, status, message };
  };
  if (files.length === 0) return refuse(400, "请上传需要审查的合同（PDF 或 DOCX）");
  const dateProblem = reviewDateProblem(input.wishDate, now, "期望完成日期");
  if (dateProblem) return refuse(dateProblem.status, dateProblem.message);
  try {
    const result = await write(async (tx) => {
      notice = null;
      const expert = await tx
        .selectFrom("ExpertProfile as p")
        .innerJoin("User as u", "u.id", "p.userId")
        .select(["p.id", "p.userId"])
        .where("p.id", "=", input.expertId)
        .where("p.active", "=", true)
        .where("u.disabled", "=", false)
        .executeTakeFirst();
      if (!expert)
        return {
          ok: false as const,
          status: 404 as const,
          message: "该专家不存在或已停止接受预约",
        };
      const q = await quotaAndNames(tx, enterpriseId, input.expertId, now);
      if (Number(q.active) >= settings.maxActive)
        return {
          ok: false as const,
          status: 409 as const,
          message: `进行中的预约最多 ${settings.maxActive} 个，请在现有预约完成或取消后再申请`,
        };
      const { id } = await tx
        .insertInto("Booking")
        .values({
          enterpriseId,
          expertId: input.expertId,
          type: "CONTRACT_REVIEW",
          mode: null,
          startAt: now,
          endAt: now,
          slotHold: `review:${randomUUID()}`,
          status: "REQUESTED",
          topic: input.topic,
          description: input.description,
          contactName: input.contactName,
          contactMobile: input.contactMobile,
          wishDate: input.wishDate,
          createdAt: now,
          updatedAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordCreation(tx, actor, ip, now, {
        id,
        expertId: input.expertId,
        type: "CONTRACT_REVIEW",
        when: { wishDate: input.wishDate },
        files,
      });
      const n: BookingNotice = {
        userId: expert.userId,
        bookingId: id,
        title: "新的合同审查申请",
        body: `${q.enterpriseName ?? ""}申请合同审查「${input.topic}」，期望 ${chineseDay(input.wishDate)}前完成，请受理或说明原因。`,
      };
      await noticeInApp(tx, n, now);
      notice = n;
      return { ok: true as const, id };
    });
    if (!result.ok) discardFiles(files);
    else if (notice) void mailNotices([notice]);
    return result;
  } catch (error) {
    discardFiles(files);
    throw error;
  }
}

/** The due date of a review: the promise once accepted, the wish before. */
export const dueDay = sql<string>`coalesce("Booking"."promisedDate", "Booking"."wishDate")`;

/** Accepted contract reviews past their promised date (Beijing today), for ADMIN. */
export async function overdueReviewCount(now = new Date()): Promise<number> {
  const [row] = await OVERDUE_REVIEWS.read(beijingDay(now.getTime()));
  return Number(row?.n ?? 0);
}

// Compiled once: the admin home reads it on every request (issue 14).
const OVERDUE_REVIEWS = compiled((q, today: string) =>
  q
    .selectFrom("Booking")
    .select((c) => c.fn.countAll<number>().as("n"))
    .where("type", "=", "CONTRACT_REVIEW")
    .where("status", "=", "CONFIRMED")
    .where("promisedDate", "<", today),
);
