import { z } from "zod";

export const PRACTICE_ROLES = ["STAFF", "MANAGER"] as const;
export const StartMockSchema = z.object({ intent: z.literal("start-mock") }).strict();
/** A mock exam id from the URL: a positive 32-bit integer, anything else is not found. */
export const MockIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
