import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy.ts";
import { hashPassword, verifyPassword, generateInitialPassword } from "./password.server.ts";

const CHINESE_64 =
  "法治学堂数据安全个人信息保护宪法民法典营商环境行政许可行政处罚行政复议电子签名政府信息公开公司法劳动合同公职人员政务处分网络安全法治".slice(
    0,
    61,
  );

describe("password policy (等保 2.0 complexity)", () => {
  it("requires at least 8 characters", () => {
    expect(passwordProblem("Ab1#xyz")).toMatch(/至少 8 个字符/);
    expect(passwordProblem("Ab1#wxyz")).toBeNull();
  });

  it("requires 3 of the 4 character classes", () => {
    expect(passwordProblem("abcdefgh1")).toMatch(/至少三类/);
    expect(passwordProblem("abcdefgH1")).toBeNull();
    expect(passwordProblem("abcdefg#1")).toBeNull();
  });

  it("counts Chinese characters as the 'other' class and by code point", () => {
    expect(passwordProblem("ab1法治学堂数据")).toBeNull();
    expect(passwordProblem("法治学堂数据安全")).toMatch(/至少三类/);
  });

  it("accepts a 64-character Chinese password and hashes all of it, never truncated", async () => {
    const password = `Aa1${CHINESE_64}`;
    expect([...password]).toHaveLength(64);
    expect(passwordProblem(password)).toBeNull();
    const hash = await hashPassword(password);
    expect(await verifyPassword(hash, password)).toBe(true);
    // Same first 63 characters (189 bytes), different last one: must not verify.
    expect(await verifyPassword(hash, `${password.slice(0, -1)}安`)).toBe(false);
  });

  it("tells apart two 73-byte passwords that share their first 72 bytes (no bcrypt-style truncation)", async () => {
    const base = `Aa1#${"x".repeat(68)}`;
    expect(Buffer.byteLength(`${base}y`)).toBe(73);
    const hash = await hashPassword(`${base}y`);
    expect(await verifyPassword(hash, `${base}y`)).toBe(true);
    expect(await verifyPassword(hash, `${base}z`)).toBe(false);
  });

  it("refuses control characters and overlong passwords", () => {
    expect(passwordProblem("Ab1#wxyz\u0000")).toMatch(/控制字符/);
    expect(passwordProblem(`Ab1#${"x".repeat(200)}`)).toMatch(/最多/);
  });

  it("generates initial passwords that meet the policy", () => {
    for (let i = 0; i < 50; i++) expect(passwordProblem(generateInitialPassword())).toBeNull();
  });

  it("generates passwords without look-alike characters or symbols, easy to read aloud (issue 17)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const p = generateInitialPassword();
      expect(p).toHaveLength(12);
      // No 0/O/o, 1/l/I, and nothing but letters and digits (no #%+=@ and the like).
      expect(p).not.toMatch(/[0Oo1lI]/);
      expect(p).toMatch(/^[A-Za-z2-9]+$/);
      expect(passwordProblem(p)).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(2000);
  });

  it("stores Argon2id hashes", async () => {
    expect(await hashPassword("Ab1#wxyz")).toMatch(/^\$argon2id\$/);
  });
});
