import { z } from "zod";
import { freeText, idField, intentField, MAX_ID } from "#app/utils/input.ts";

export const EVENT_KINDS = ["LECTURE", "CASE_STUDY", "TRAINING"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const KIND_LABELS: Record<EventKind, string> = {
  LECTURE: "专题讲座",
  CASE_STUDY: "案例研讨",
  TRAINING: "法律培训",
};
export const kindLabel = (kind: string) =>
  Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as EventKind] : kind;

/** 学时 an event may credit: half an hour to two full days of training. */
export const MIN_EVENT_HOURS = 0.5;
export const MAX_EVENT_HOURS = 16;
/** The longest an event (and its check-in period) may last. */
const MAX_EVENT_MS = 7 * 86_400_000;
/** How long before the start check-in may open. */
const EARLY_CHECK_IN_MS = 2 * 3600_000;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value ("2026-12-08T14:30") read as Beijing time, as epoch ms. Impossible
 * dates (02-30, 25:00) and years outside 2000-2099 are refused, never rolled over.
 */
export function beijingLocal(label: string) {
  return z
    .string({ error: `请选择${label}` })
    .trim()
    .transform((v, ctx) => {
      const ms = localToMs(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: v ? `${label}不是有效的时间` : `请选择${label}` });
        return z.NEVER;
      }
      return ms;
    });
}

/** As beijingLocal, but "" (left empty) is null. */
export function optionalBeijingLocal(label: string) {
  return z
    .union([z.literal(""), beijingLocal(label)], { error: `${label}不是有效的时间` })
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));
}

function localToMs(v: string): number | null {
  const m = LOCAL_RE.exec(v);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (y < 2000 || y > 2099 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return null;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return Date.UTC(y, mo - 1, d, h - 8, mi);
}

/** "2026-12-08T14:30" for a datetime-local input, in Beijing time. */
export function toBeijingLocal(at: Date | number): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

const list = (max: number, message: string) =>
  z
    .string()
    .max(20_000)
    .optional()
    .default("")
    .transform((v) => [
      ...new Set(
        v
          .split(/[\s,，、;；]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .refine((v) => v.length <= max, message);

/** One invited scholar per line: "姓名 职称" (name, then title after a space or comma). */
const scholars = z
  .string()
  .max(2000, "特邀专家学者最多 2000 个字符")
  .optional()
  .default("")
  .transform((v, ctx) => {
    const out: { name: string; title: string }[] = [];
    for (const line of v.split(/\r?\n/).map((l) => l.trim())) {
      if (!line) continue;
      const [name, ...rest] = line.split(/[\s,，、]+/);
      const title = rest.join(" ");
      if (!name || name.length > 30 || !title || title.length > 60) {
        ctx.addIssue({ code: "custom", message: "每行写一位：姓名 职称（如：张明 法学院教授）" });
        return z.NEVER;
      }
      out.push({ name, title });
    }
    if (out.length > 10) {
      ctx.addIssue({ code: "custom", message: "特邀专家学者最多 10 位" });
      return z.NEVER;
    }
    return out;
  });

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => [...new Set((v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))])
  .refine((v) => v.length <= 10 && v.every((n) => Number.isInteger(n) && n > 0 && n <= MAX_ID), {
    message: "所选专家无效",
  });

export const hoursField = z
  .string({ error: "请填写学时" })
  .trim()
  .transform((v, ctx) => {
    const n = /^\d{1,2}(\.\d)?$/.test(v) ? Number(v) : NaN;
    if (!(n >= MIN_EVENT_HOURS && n <= MAX_EVENT_HOURS) || (n * 2) % 1 !== 0) {
      ctx.addIssue({
        code: "custom",
        message: `学时应在 ${MIN_EVENT_HOURS} 到 ${MAX_EVENT_HOURS} 之间，以 0.5 为单位`,
      });
      return z.NEVER;
    }
    return n;
  });

export const capacityField = z
  .string({ error: "请填写名额" })
  .trim()
  .transform((v, ctx) => {
    const n = /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    if (!(n >= 1 && n <= 5000)) {
      ctx.addIssue({ code: "custom", message: "名额应在 1 到 5000 之间" });
      return z.NEVER;
    }
    return n;
  });

/** An online meeting link: only http(s) URLs (the join route redirects to it). */
export const meetingUrlField = z
  .string()
  .trim()
  .max(500, "会议链接最多 500 个字符")
  .refine(
    (v) => v === "" || /^https?:\/\/[^\s<>"']+$/.test(v),
    "会议链接应为 http:// 或 https:// 开头的地址",
  )
  .optional()
  .default("");

type Times = {
  startsAt: number;
  endsAt: number;
  checkInFrom: number | null;
  checkInUntil: number | null;
  room: string;
  meetingUrl: string;
};

/** The rules on an event's times and place, shared by creating and editing. */
export function timeAndPlaceIssues(v: Times, issue: (path: string, message: string) => void) {
  if (v.endsAt <= v.startsAt) issue("endsAt", "结束时间应晚于开始时间");
  else if (v.endsAt - v.startsAt > MAX_EVENT_MS) issue("endsAt", "一次活动最长 7 天");
  if (!v.room && !v.meetingUrl) issue("room", "请填写地点或线上会议链接（至少一项）");
  const from = v.checkInFrom ?? v.startsAt - 30 * 60_000;
  const until = v.checkInUntil ?? v.endsAt;
  if (until <= from) issue("checkInUntil", "签到截止时间应晚于签到开始时间");
  else if (from < v.startsAt - EARLY_CHECK_IN_MS || from > v.endsAt)
    issue("checkInFrom", "签到开始时间应在活动开始前 2 小时至活动结束之间");
  else if (until < v.startsAt || until > v.endsAt + EARLY_CHECK_IN_MS)
    issue("checkInUntil", "签到截止时间应在活动开始至活动结束后 2 小时之间");
}

export const optionalText = (label: string, max: number) =>
  freeText(label, max, { min: 0, multiline: true }).optional().default("");

export const CreateEventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS, { error: "请选择活动类型" }),
    title: freeText("活动名称", 60, { verb: "输入" }),
    description: optionalText("活动简介", 2000),
    expertId: ids,
    scholars,
    startsAt: beijingLocal("开始时间"),
    endsAt: beijingLocal("结束时间"),
    checkInFrom: optionalBeijingLocal("签到开始时间"),
    checkInUntil: optionalBeijingLocal("签到截止时间"),
    room: freeText("地点", 100, { min: 0 }).optional().default(""),
    meetingUrl: meetingUrlField,
    capacity: capacityField,
    creditHours: hoursField,
    audience: z.enum(["OPEN", "TARGETED"], { error: "请选择参加对象" }),
    unitCodes: list(200, "一次最多指定 200 个单位"),
    includeSubunits: z.union([z.literal("on"), z.literal(false)]).optional(),
    usernames: list(2000, "一次最多指定 2000 名人员"),
    caseMaterials: optionalText("案例材料", 10_000),
    questions: optionalText("研讨问题", 2000),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    timeAndPlaceIssues(v, issue);
    if (v.audience === "TARGETED" && v.unitCodes.length + v.usernames.length === 0)
      issue("unitCodes", "请至少指定一个单位或一名人员，或选择“开放报名”");
    if (v.kind === "CASE_STUDY") {
      if (!v.caseMaterials) issue("caseMaterials", "案例研讨请填写案例材料");
      if (!v.questions) issue("questions", "案例研讨请填写研讨问题");
    }
  });
export type CreateEventInput = z.output<typeof CreateEventSchema>;

/** Staff actions on an event page. */
export const StaffIntent = intentField(["signup", "cancel", "feedback", "code"]);
export const SignupSchema = z.object({ intent: z.literal("signup") }).strict();
export const CancelSchema = z.object({ intent: z.literal("cancel") }).strict();
export const FeedbackSchema = z
  .object({
    intent: z.literal("feedback"),
    rating: z.enum(["1", "2", "3", "4", "5"], { error: "请选择 1 到 5 分" }).transform(Number),
    comment: optionalText("意见建议", 1000),
  })
  .strict();
export const CheckCodeSchema = z
  .object({
    intent: z.literal("code"),
    code: z
      .string({ error: "请输入签到码" })
      .trim()
      .regex(/^\d{6}$/, "签到码为 6 位数字"),
  })
  .strict();

const qrCodeField = z
  .string({ error: "签到码无效，请重新扫描现场二维码" })
  .trim()
  .regex(/^[0-9a-f]{12}$/, "签到码无效，请重新扫描现场二维码");
/** The scanned URL's query (`?c=`: short, so the QR code stays coarse enough for a projector). */
export const QrQuerySchema = z.object({ c: qrCodeField }).strict();
/** The QR check-in form (the code comes from the scanned URL). */
export const QrCheckInSchema = z.object({ code: qrCodeField }).strict();

/** Organiser actions on the manage page. */
export const RollCallSchema = z
  .object({ intent: z.literal("rollcall"), userId: z.union([z.string(), z.array(z.string())]) })
  .strict()
  .transform((v, ctx) => {
    const list = Array.isArray(v.userId) ? v.userId : [v.userId];
    const parsed = list.map((s) => idField().safeParse(s));
    if (list.length === 0 || list.length > 5000 || parsed.some((p) => !p.success)) {
      ctx.addIssue({ code: "custom", path: ["userId"], message: "请选择到场人员" });
      return z.NEVER;
    }
    return { userIds: [...new Set(parsed.map((p) => p.data!))] };
  });
export const RevealCodeSchema = z.object({ intent: z.literal("reveal") }).strict();
export const AssignSchema = z
  .object({ intent: z.literal("assign"), usernames: list(500, "一次最多指派 500 人") })
  .strict()
  .refine((v) => v.usernames.length > 0, { path: ["usernames"], message: "请填写工号" });
export const RecordSchema = z
  .object({
    intent: z.literal("record"),
    minutes: freeText("研讨纪要", 20_000, { multiline: true }),
    conclusions: freeText("研讨结论", 5000, { multiline: true }),
    casesCited: optionalText("引用案例", 2000),
    citations: optionalText("引用法条", 2000),
  })
  .strict();
