import { describe, expect, it } from "vitest";
import { BOOKING_STATES, nextState, TRANSITIONS, type BookingAction, type Party } from "./state.ts";

const LEGAL: Record<string, string> = {
  "REQUESTED confirm EXPERT": "CONFIRMED",
  "REQUESTED decline EXPERT": "DECLINED",
  "REQUESTED cancel ENTERPRISE": "CANCELLED",
  "REQUESTED cancel EXPERT": "CANCELLED",
  "REQUESTED reschedule ENTERPRISE": "REQUESTED",
  "CONFIRMED complete EXPERT": "COMPLETED",
  "CONFIRMED cancel ENTERPRISE": "CANCELLED",
  "CONFIRMED cancel EXPERT": "CANCELLED",
  "CONFIRMED no-show EXPERT": "NO_SHOW",
  "CONFIRMED reschedule ENTERPRISE": "REQUESTED",
};

describe("booking state machine", () => {
  const actions = Object.keys(TRANSITIONS) as BookingAction[];
  const parties: Party[] = ["ENTERPRISE", "EXPERT"];
  for (const state of BOOKING_STATES) {
    for (const action of actions) {
      for (const party of parties) {
        const key = `${state} ${action} ${party}`;
        it(
          LEGAL[key] ? `allows ${key} -> ${LEGAL[key]}` : `refuses the illegal transition ${key}`,
          () => {
            expect(nextState(state, action, party)).toBe(LEGAL[key] ?? null);
          },
        );
      }
    }
  }
});
