// The booking state machine. Anything not listed here is an illegal transition.
export const BOOKING_STATES = [
  "REQUESTED",
  "CONFIRMED",
  "DECLINED",
  "COMPLETED",
  "CANCELLED",
  "NO_SHOW",
] as const;
export type BookingState = (typeof BOOKING_STATES)[number];
export type Party = "ENTERPRISE" | "EXPERT";
export type BookingAction =
  "confirm" | "decline" | "complete" | "cancel" | "no-show" | "reschedule";

type Move = { from: readonly BookingState[]; to: BookingState; by: readonly Party[] };

export const TRANSITIONS: Record<BookingAction, Move> = {
  confirm: { from: ["REQUESTED"], to: "CONFIRMED", by: ["EXPERT"] },
  decline: { from: ["REQUESTED"], to: "DECLINED", by: ["EXPERT"] },
  complete: { from: ["CONFIRMED"], to: "COMPLETED", by: ["EXPERT"] },
  cancel: { from: ["REQUESTED", "CONFIRMED"], to: "CANCELLED", by: ["ENTERPRISE", "EXPERT"] },
  "no-show": { from: ["CONFIRMED"], to: "NO_SHOW", by: ["EXPERT"] },
  // A new time needs the expert's confirmation again.
  reschedule: { from: ["REQUESTED", "CONFIRMED"], to: "REQUESTED", by: ["ENTERPRISE"] },
};

/** States whose booking no longer holds its slot. */
export const RELEASED: readonly BookingState[] = ["DECLINED", "CANCELLED"];
/** States after which nothing changes (files are purged a retention period later). */
export const FINAL: readonly BookingState[] = ["DECLINED", "COMPLETED", "CANCELLED", "NO_SHOW"];
/** States that count against the enterprise's quota of active bookings. */
export const ACTIVE: readonly BookingState[] = ["REQUESTED", "CONFIRMED"];

export function nextState(
  current: string,
  action: BookingAction,
  party: Party,
): BookingState | null {
  const move = TRANSITIONS[action];
  if (!move.by.includes(party) || !(move.from as readonly string[]).includes(current)) return null;
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

export function stateLabel(s: string): string {
  return STATE_LABELS[s as BookingState] ?? s;
}
export function typeLabel(t: string): string {
  return TYPE_LABELS[t as BookingType] ?? t;
}
