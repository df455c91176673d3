import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server.ts";

describe("environment validation", () => {
  it("fills defaults for a bare environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./data/app.db");
    expect(env.PORT).toBe(3000);
    expect(env.TRUST_PROXY).toBe("false");
    expect(env.DEMO_DATA).toBe(true);
  });

  it("fails fast, naming every bad variable", () => {
    expect(() => parseEnv({ PORT: "http", DATABASE_URL: "mysql://x", TRUST_PROXY: "yes" })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });

  it("accepts a SQLite file or a postgresql:// URL as DATABASE_URL (issue 13)", () => {
    expect(parseEnv({ DATABASE_URL: "file:./x.db" }).DATABASE_URL).toBe("file:./x.db");
    const pg = "postgresql://fzxt:pw@db:5432/fzxt";
    expect(parseEnv({ DATABASE_URL: pg }).DATABASE_URL).toBe(pg);
    expect(parseEnv({ DATABASE_POOL_MAX: "20" }).DATABASE_POOL_MAX).toBe(20);
    expect(parseEnv({}).DATABASE_PREPARED).toBe(true);
    expect(parseEnv({ DATABASE_PREPARED: "false" }).DATABASE_PREPARED).toBe(false);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/postgresql:\/\//);
  });

  it("reads DEMO_DATA=false", () => {
    expect(parseEnv({ DEMO_DATA: "false" }).DEMO_DATA).toBe(false);
  });

  it("validates HOST, the bind address: unset by default, IPs and host names accepted, anything else named", () => {
    expect(parseEnv({}).HOST).toBeUndefined();
    for (const host of ["127.0.0.1", "0.0.0.0", "::", "::1", "localhost", "app.internal.example"])
      expect(parseEnv({ HOST: host }).HOST).toBe(host);
    for (const bad of ["", "http://127.0.0.1", "1.2.3.4:80", "bad host", "-x", "a..b"])
      expect(() => parseEnv({ HOST: bad })).toThrow(/HOST/);
  });
});
