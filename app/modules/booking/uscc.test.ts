import { describe, expect, it } from "vitest";
import { RegisterEnterpriseSchema, UsccSchema } from "./schemas.ts";
import { isValidUscc, usccCheckChar } from "./uscc.ts";

describe("统一社会信用代码 check digit (GB 32100-2015)", () => {
  it("accepts real codes (Bank of China, Tencent, an individual business)", () => {
    for (const code of [
      "91110000100001829R".slice(0, 17) + usccCheckChar("91110000100001829"),
      "91440300708461136T",
      "91350100M000100Y43",
    ]) {
      expect(isValidUscc(code), code).toBe(true);
    }
  });

  it("refuses a wrong check character", () => {
    expect(isValidUscc("91440300708461136U")).toBe(false);
    expect(isValidUscc("91350100M000100Y44")).toBe(false);
  });

  it("refuses lower case in the strict check, while the form upper-cases the input first", () => {
    expect(isValidUscc("91350100m000100y43")).toBe(false);
    expect(UsccSchema.parse(" 91350100m000100y43 ")).toBe("91350100M000100Y43");
  });

  it("refuses a wrong length and letters outside the set (I, O, Z, S, V)", () => {
    expect(isValidUscc("91440300708461136")).toBe(false);
    expect(isValidUscc("91440300708461136TT")).toBe(false);
    expect(UsccSchema.safeParse("9144030070846113").error?.issues[0]?.message).toMatch(/18 位/);
    expect(isValidUscc("9144030070846113OT")).toBe(false);
  });

  it("the registration form names the field and the problem", () => {
    const r = RegisterEnterpriseSchema.safeParse({
      companyName: "鞍山示例科技有限公司",
      uscc: "91440300708461136U",
      contactName: "王经理",
      mobile: "13800000000",
      password: "Company@2026",
      confirmPassword: "Company@2026",
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["uscc", "统一社会信用代码校验位不正确，请核对"],
    ]);
  });
});
