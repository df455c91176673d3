import { z } from "zod";
import { NewPasswordSchema, PASSWORD_MAX_LENGTH } from "#app/utils/password-policy.ts";

/** 工号 (letters, digits, - and _) or a mainland mobile number; no spaces, control characters or CRLF. */
export const UsernameSchema = z
  .string({ error: "请输入用户名" })
  .trim()
  .min(1, "请输入用户名")
  .max(32, "用户名最多 32 个字符")
  .regex(/^[A-Za-z0-9_.-]+$/, "用户名只能包含字母、数字、点、下划线和连字符");

export const LoginSchema = z
  .object({
    username: UsernameSchema,
    password: z
      .string({ error: "请输入密码" })
      .min(1, "请输入密码")
      .max(PASSWORD_MAX_LENGTH * 4, "密码过长"),
    redirectTo: z.string().max(500).optional(),
  })
  .strict();

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "请输入当前密码" })
      .min(1, "请输入当前密码")
      .max(PASSWORD_MAX_LENGTH * 4, "密码过长"),
    newPassword: NewPasswordSchema,
    confirmPassword: z.string({ error: "请再次输入新密码" }),
  })
  .strict()
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的新密码不一致",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "新密码不能与当前密码相同",
  });

export const MobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, "请输入 11 位中国大陆手机号");

export const PersonNameSchema = z
  .string({ error: "请输入姓名" })
  .trim()
  .min(1, "请输入姓名")
  .max(50, "姓名最多 50 个字符")
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f<>]+$/, "姓名包含不允许的字符");

/** The profile form: only name and mobile; role and unit are the admin's. */
export const ProfileSchema = z
  .object({
    name: PersonNameSchema,
    mobile: z.union([z.literal(""), MobileSchema]),
    email: z
      .union([z.literal(""), z.email("请输入有效的邮箱地址").max(100, "邮箱最多 100 个字符")])
      .optional()
      .default(""),
  })
  .strict();
