import { z } from "zod";
import { freeText } from "#app/utils/input.ts";
import {
  beijingLocal,
  capacityField,
  hoursField,
  meetingUrlField,
  optionalBeijingLocal,
  timeAndPlaceIssues,
} from "./schemas.ts";

// The organiser's edit and cancel forms (issue 20, event operations).

/** What may change before an event starts: title, time, place, link, capacity, 学时. */
export const EditEventSchema = z
  .object({
    intent: z.literal("edit"),
    title: freeText("活动名称", 60, { verb: "输入" }),
    startsAt: beijingLocal("开始时间"),
    endsAt: beijingLocal("结束时间"),
    checkInFrom: optionalBeijingLocal("签到开始时间"),
    checkInUntil: optionalBeijingLocal("签到截止时间"),
    room: freeText("地点", 100, { min: 0 }).optional().default(""),
    meetingUrl: meetingUrlField,
    capacity: capacityField,
    creditHours: hoursField,
  })
  .strict()
  .superRefine((v, ctx) =>
    timeAndPlaceIssues(v, (path, message) =>
      ctx.addIssue({ code: "custom", path: [path], message }),
    ),
  );
export type EditEventInput = z.output<typeof EditEventSchema>;

export const CancelEventSchema = z
  .object({
    intent: z.literal("cancel"),
    reason: freeText("取消原因", 200, { min: 2 }),
  })
  .strict();

/** The join form carries nothing but the intent to go (the POST is the record). */
export const JoinSchema = z.object({}).strict();
