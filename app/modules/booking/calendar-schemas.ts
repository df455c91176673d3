import { z } from "zod";
import { beijingInstant, freeText } from "#app/utils/input.ts";

// Forms of the booking calendar's own pieces: the expert's proposal of a new time, the
// enterprise's answer, the meeting link / dial-in (shared by the browser and the actions).
export const ProposeSchema = z
  .object({ intent: z.literal("propose"), slot: beijingInstant("新时间", "请选择新时间") })
  .strict();

export const AnswerProposalSchema = z
  .object({ intent: z.enum(["accept", "decline"], { error: "未知的操作" }) })
  .strict();

export const MEETING_URL_MAX = 500;
export const DIAL_IN_MAX = 100;

function urlProblem(v: string): string | null {
  if (/\s/.test(v)) return "会议链接不能包含空格";
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return "会议链接应以 https:// 或 http:// 开头的完整网址";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    return "会议链接应以 https:// 或 http:// 开头的完整网址";
  if (u.username || u.password) return "会议链接不能包含用户名或密码";
  if (!u.hostname.includes(".")) return "会议链接的网址不完整";
  return null;
}

export const MeetingSchema = z
  .object({
    meetingUrl: z
      .string()
      .trim()
      .max(MEETING_URL_MAX, `会议链接最多 ${MEETING_URL_MAX} 个字符`)
      .superRefine((v, ctx) => {
        const p = v ? urlProblem(v) : null;
        if (p) ctx.addIssue({ code: "custom", message: p });
      })
      .default(""),
    meetingDialIn: z
      .string()
      .trim()
      .pipe(z.union([z.literal(""), freeText("拨入方式", DIAL_IN_MAX)]))
      .refine(
        (v) => !v || (v.match(/\d/g) ?? []).length >= 5,
        "拨入方式应包含电话号码或会议号（至少 5 位数字）",
      )
      .refine((v) => !/[<>]/.test(v), "拨入方式包含不允许的字符")
      .default(""),
  })
  .strict();
export type MeetingInput = z.output<typeof MeetingSchema>;
