import { describe, expect, it } from "vitest";
import { ProfileSchema, LoginSchema } from "#app/modules/auth/schemas.ts";
import { parseFormData } from "./form.server.ts";

const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

describe("server-side form validation", () => {
  it("refuses extra fields such as role and orgUnitId in the profile form", () => {
    const r = parseFormData(
      form({ name: "张三", mobile: "", role: "ADMIN", orgUnitId: "1" }),
      ProfileSchema,
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.formError).toBe("表单包含不允许提交的字段");
  });

  it("refuses NUL anywhere in a form", () => {
    const r = parseFormData(form({ name: "张\u0000三", mobile: "" }), ProfileSchema);
    expect(!r.ok && r.formError).toMatch(/非法字符/);
  });

  it("refuses CRLF and overlong usernames with a Chinese message on the field", () => {
    const crlf = parseFormData(form({ username: "admin\r\nX: y", password: "x" }), LoginSchema);
    expect(!crlf.ok && crlf.fieldErrors.username).toMatch(/用户名只能包含/);
    const long = parseFormData(form({ username: "a".repeat(5000), password: "x" }), LoginSchema);
    expect(!long.ok && long.fieldErrors.username).toMatch(/最多 32 个字符/);
  });

  it("never echoes the submitted value in an error", () => {
    const r = parseFormData(form({ name: "<script>x</script>", mobile: "12" }), ProfileSchema);
    expect(JSON.stringify(r)).not.toContain("script");
  });
});
