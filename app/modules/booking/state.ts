// The booking state machine. Anything not listed here is an illegal transition.
//
// Two kinds share the states (decision 0022): an APPOINTMENT (法律咨询, 法律培训, and 合同审查
// booked before issue 18) holds a slot; a REVIEW (合同审查 since issue 18) is document work with
// a 期望完成日期 and no slot. A review is accepted (`accept`, with a promised date, by the expert
// or ADMIN for the office, within the expert's capacity) instead of confirmed; it has no no-show
// and no reschedule, and the enterprise may cancel it only before it is accepted.
export const BOOKING_STATES = [
  "REQUESTED",
  "CONFIRMED",
  "DECLINED",
  "COMPLETED",
  "CANCELLED",
  "NO_SHOW",
] as const;
export type BookingState = (typeof BOOKING_STATES)[number];
/** OFFICE: ADMIN acting for the legal-service office (contract reviews only). */
export type Party = "ENTERPRISE" | "EXPERT" | "OFFICE";
export type BookingKind = "APPOINTMENT" | "REVIEW";
export type BookingAction =
  "confirm" | "accept" | "decline" | "complete" | "cancel" | "no-show" | "reschedule";

type Rule = { from: readonly BookingState[]; by: readonly Party[] };
type Move = { to: BookingState } & Partial<Record<BookingKind, Rule>>;

export const TRANSITIONS: Record<BookingAction, Move> = {
  confirm: { to: "CONFIRMED", APPOINTMENT: { from: ["REQUESTED"], by: ["EXPERT"] } },
  accept: { to: "CONFIRMED", REVIEW: { from: ["REQUESTED"], by: ["EXPERT", "OFFICE"] } },
  decline: {
    to: "DECLINED",
    APPOINTMENT: { from: ["REQUESTED"], by: ["EXPERT"] },
    REVIEW: { from: ["REQUESTED"], by: ["EXPERT", "OFFICE"] },
  },
  complete: {
    to: "COMPLETED",
    APPOINTMENT: { from: ["CONFIRMED"], by: ["EXPERT"] },
    REVIEW: { from: ["CONFIRMED"], by: ["EXPERT"] },
  },
  cancel: {
    to: "CANCELLED",
    APPOINTMENT: { from: ["REQUESTED", "CONFIRMED"], by: ["ENTERPRISE", "EXPERT"] },
    REVIEW: { from: ["REQUESTED"], by: ["ENTERPRISE", "EXPERT"] },
  },
  "no-show": { to: "NO_SHOW", APPOINTMENT: { from: ["CONFIRMED"], by: ["EXPERT"] } },
  // A new time needs the expert's confirmation again.
  reschedule: {
    to: "REQUESTED",
    APPOINTMENT: { from: ["REQUESTED", "CONFIRMED"], by: ["ENTERPRISE"] },
  },
};

/** States whose booking no longer holds its slot. */
export const RELEASED: readonly BookingState[] = ["DECLINED", "CANCELLED"];
/** States after which nothing changes (files are purged a retention period later). */
export const FINAL: readonly BookingState[] = ["DECLINED", "COMPLETED", "CANCELLED", "NO_SHOW"];
/** States that count against the enterprise's quota of active bookings. */
export const ACTIVE: readonly BookingState[] = ["REQUESTED", "CONFIRMED"];

/** A contract review requested since issue 18 carries its 期望完成日期; older ones held a slot. */
export function bookingKind(b: { wishDate: string | null }): BookingKind {
  return b.wishDate === null ? "APPOINTMENT" : "REVIEW";
}

export function nextState(
  current: string,
  action: BookingAction,
  party: Party,
  kind: BookingKind = "APPOINTMENT",
): BookingState | null {
  const move = TRANSITIONS[action];
  const rule = move[kind];
  if (!rule || !rule.by.includes(party) || !(rule.from as readonly string[]).includes(current))
    return null;
  return move.to;
}

export const STATE_LABELS: Record<BookingState, string> = {
  REQUESTED: "待确认",
  CONFIRMED: "已确认",
  DECLINED: "已拒绝",
  COMPLETED: "已完成",
  CANCELLED: "已取消",
  NO_SHOW: "未到场",
};
const REVIEW_LABELS: Partial<Record<BookingState, string>> = {
  REQUESTED: "待受理",
  CONFIRMED: "已受理",
  DECLINED: "未受理",
};

export const TYPE_LABELS = {
  CONTRACT_REVIEW: "合同审查",
  CONSULTATION: "法律咨询",
  TRAINING: "法律培训",
} as const;
export type BookingType = keyof typeof TYPE_LABELS;
export const MODE_LABELS: Record<string, string> = {
  ONLINE: "线上",
  PHONE: "电话",
  IN_PERSON: "面谈",
  ON_SITE: "上门培训",
};

export function stateLabel(s: string, kind: BookingKind = "APPOINTMENT"): string {
  return (
    (kind === "REVIEW" ? REVIEW_LABELS[s as BookingState] : undefined) ??
    STATE_LABELS[s as BookingState] ??
    s
  );
}
export function typeLabel(t: string): string {
  return TYPE_LABELS[t as BookingType] ?? t;
}
