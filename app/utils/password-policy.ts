import { z } from "zod";

// 等保 2.0 asks for complex passwords: here at least 8 characters from at least
// 3 of 4 classes. Length is counted in code points, so a password of Chinese
// characters is measured as the user sees it; Argon2 hashes every byte (no
// 72-byte truncation as with bcrypt).
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^a-zA-Z0-9]/.test(password)) classes++;
  return classes;
}

export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (length > PASSWORD_MAX_LENGTH) return `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) return "密码不能包含控制字符";
  if (passwordClasses(password) < 3)
    return "密码须包含大写字母、小写字母、数字、其他字符（含汉字）中的至少三类";
  return null;
}

export const NewPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
