import { z } from "zod";

/** Largest accepted upload; server/security.ts must let a body this big (plus multipart overhead) through to /admin/import. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 50_000;

export const COLUMNS = {
  username: "工号",
  name: "姓名",
  unit: "单位",
  mobile: "手机号",
  role: "角色",
} as const;
export type ColumnKey = keyof typeof COLUMNS;
export const REQUIRED_COLUMNS: readonly ColumnKey[] = ["username", "name", "unit"];

/** Header spellings we accept, after trimming, dropping "*" and anything in brackets, lower-casing. */
export const HEADER_ALIASES: Record<string, ColumnKey> = {
  工号: "username",
  员工编号: "username",
  人员编号: "username",
  职工号: "username",
  username: "username",
  姓名: "name",
  name: "name",
  单位: "unit",
  单位编码: "unit",
  单位路径: "unit",
  所属单位: "unit",
  部门: "unit",
  unit: "unit",
  手机号: "mobile",
  手机: "mobile",
  手机号码: "mobile",
  联系电话: "mobile",
  mobile: "mobile",
  角色: "role",
  role: "role",
};

/** One data row as read from the file; `line` is the row number the admin sees in Excel. */
export type RawRow = { line: number; cells: Record<ColumnKey, string> };
export type RowIssue = { line: number; column: ColumnKey | null; message: string };

export const IMPORT_ROLES = ["STAFF", "MANAGER"] as const;
export type ImportRole = (typeof IMPORT_ROLES)[number];
const ROLE_WORDS: Record<string, ImportRole> = {
  "": "STAFF",
  工作人员: "STAFF",
  staff: "STAFF",
  培训管理员: "MANAGER",
  manager: "MANAGER",
};

const EmployeeNoSchema = z
  .string()
  .min(1, "工号不能为空")
  .max(32, "工号最多 32 个字符")
  // Must start with a letter or digit: a cell such as "-1+2" or "=A1" is refused, never rewritten.
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    "工号只能包含字母、数字、连字符和下划线，并以字母或数字开头",
  );

const NameCellSchema = z
  .string()
  .min(1, "姓名不能为空")
  .max(50, "姓名最多 50 个字符")
  .regex(/^[^<>]+$/, "姓名不能包含尖括号");

/** Spaces and hyphens inside a number and a +86 prefix are dropped; the rest must be a mainland mobile. */
export function normaliseMobile(value: string): string {
  const compact = value.replace(/[\s-]/g, "");
  return /^(\+?86)1\d{10}$/.test(compact) ? compact.slice(-11) : compact;
}

const MobileCellSchema = z
  .string()
  .transform(normaliseMobile)
  .pipe(z.string().regex(/^(1[3-9]\d{9})?$/, "手机号须为 11 位中国大陆手机号，或留空"));

const RoleCellSchema = z.string().transform((value, ctx): ImportRole => {
  const role = ROLE_WORDS[value.toLowerCase()];
  if (!role) {
    ctx.addIssue({
      code: "custom",
      message: "角色只能是“工作人员”或“培训管理员”（或留空，默认工作人员）",
    });
    return z.NEVER;
  }
  return role;
});

/** Every cell of a row, already neutralised and free of control characters (see cells.ts). */
export const RosterRowSchema = z.object({
  username: EmployeeNoSchema,
  name: NameCellSchema,
  unit: z.string().min(1, "单位不能为空").max(300, "单位最多 300 个字符"),
  mobile: MobileCellSchema,
  role: RoleCellSchema,
});

export const JOB_ID = /^[A-Za-z0-9_-]{22}$/;
const JobIdSchema = z.string().regex(JOB_ID, "导入任务编号无效");

/** The upload form (multipart): the file and nothing else. */
export const UploadFormSchema = z
  .object({
    intent: z.literal("upload"),
    file: z
      .instanceof(File, { error: "请选择要导入的文件" })
      .refine((f) => f.size > 0, "文件是空的"),
  })
  .strict();

/** The buttons of a job: confirm the import, discard it, or forget the passwords now. */
export const JobActionSchema = z
  .object({
    intent: z.enum(["commit", "discard", "forget"], { error: "无效的操作" }),
    job: JobIdSchema,
  })
  .strict();

export const JobQuerySchema = z.object({ job: JobIdSchema });
