import { describe, expect, it } from "vitest";
import {
  BOOKING_STATES,
  nextState,
  TRANSITIONS,
  type BookingAction,
  type BookingKind,
  type Party,
} from "./state.ts";

const LEGAL: Record<string, string> = {
  "APPOINTMENT REQUESTED confirm EXPERT": "CONFIRMED",
  "APPOINTMENT REQUESTED decline EXPERT": "DECLINED",
  "APPOINTMENT REQUESTED cancel ENTERPRISE": "CANCELLED",
  "APPOINTMENT REQUESTED cancel EXPERT": "CANCELLED",
  "APPOINTMENT REQUESTED reschedule ENTERPRISE": "REQUESTED",
  "APPOINTMENT CONFIRMED complete EXPERT": "COMPLETED",
  "APPOINTMENT CONFIRMED cancel ENTERPRISE": "CANCELLED",
  "APPOINTMENT CONFIRMED cancel EXPERT": "CANCELLED",
  "APPOINTMENT CONFIRMED no-show EXPERT": "NO_SHOW",
  "APPOINTMENT CONFIRMED reschedule ENTERPRISE": "REQUESTED",
  // Contract review as document work: accepted (not confirmed) by the expert or the office, no
  // no-show or reschedule, the enterprise cancels only before acceptance.
  "REVIEW REQUESTED accept EXPERT": "CONFIRMED",
  "REVIEW REQUESTED accept OFFICE": "CONFIRMED",
  "REVIEW REQUESTED decline EXPERT": "DECLINED",
  "REVIEW REQUESTED decline OFFICE": "DECLINED",
  "REVIEW REQUESTED cancel ENTERPRISE": "CANCELLED",
  "REVIEW REQUESTED cancel EXPERT": "CANCELLED",
  "REVIEW CONFIRMED complete EXPERT": "COMPLETED",
};

describe("booking state machine", () => {
  const actions = Object.keys(TRANSITIONS) as BookingAction[];
  const parties: Party[] = ["ENTERPRISE", "EXPERT", "OFFICE"];
  const kinds: BookingKind[] = ["APPOINTMENT", "REVIEW"];
  for (const kind of kinds)
    for (const state of BOOKING_STATES)
      for (const action of actions)
        for (const party of parties) {
          const key = `${kind} ${state} ${action} ${party}`;
          it(
            LEGAL[key] ? `allows ${key} -> ${LEGAL[key]}` : `refuses the illegal transition ${key}`,
            () => {
              expect(nextState(state, action, party, kind)).toBe(LEGAL[key] ?? null);
            },
          );
        }
});
