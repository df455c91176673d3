import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { credentialsCsv } from "#app/modules/roster/credentials.server.ts";
import { generateInitialPassword } from "#app/utils/password.server.ts";
import {
  findJob,
  jobsOf,
  jobStatus,
  previewUpload,
  startCommit,
  sweepJobs,
  takeCredentials,
  viewJob,
} from "#app/modules/roster/jobs.server.ts";
import { ensureDbReady } from "#app/data/ready.server.ts";
import { countRows } from "./helpers.ts";
import { csvText, HEADER, seedRosterUnits, utf8 } from "../fixtures/roster/build.ts";

const admin = { id: 999_101, username: "admin-a" };
const otherAdmin = { id: 999_102, username: "admin-b" };

async function preview(rows: string[][], owner = admin) {
  const result = await previewUpload(owner, {
    name: "名单.csv",
    bytes: utf8(csvText([HEADER, ...rows])),
  });
  if (!result.ok) throw new Error(result.message);
  return result.job;
}

beforeAll(async () => {
  await ensureDbReady();
  await seedRosterUnits();
});

describe("roster import jobs", () => {
  it("lists on the admin home only the admin's own jobs, with names and progress but no rows or passwords", async () => {
    const mine = await preview([["J9001", "某某", "AS-SJJ-K02", "", ""]]);
    const theirs = await preview([["J9002", "某某", "AS-SJJ-K02", "", ""]], otherAdmin);
    const listed = jobsOf(admin.id);
    expect(listed.map((j) => j.id)).toContain(mine.id);
    expect(listed.map((j) => j.id)).not.toContain(theirs.id);
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ["createdAt", "fileName", "id", "importedCount", "processed", "state", "total"].sort(),
    );
  });

  it("reports progress up to the total, then shows the passwords once and hands them over for one download", async () => {
    const job = await preview(
      Array.from({ length: 300 }, (_, i) => [
        `J${String(i).padStart(4, "0")}`,
        "某某",
        "AS-SJJ-K02",
        "",
        "",
      ]),
    );
    expect(viewJob(job)).toMatchObject({
      state: "preview",
      total: 300,
      valid: 300,
      errorLines: 0,
      credentials: null,
    });
    const seen: string[] = [];
    const started = startCommit(job, admin, null);
    if (!started.ok) throw new Error(started.message);
    const timer = setInterval(() => seen.push(jobStatus(findJob(job.id, admin.id)).state), 1);
    await started.done;
    clearInterval(timer);
    expect(seen).toContain("hashing");
    expect(jobStatus(job)).toEqual({ state: "done", processed: 300, total: 300 });
    expect(
      await countRows("User", (q) =>
        q.where("username", "like", "J0%").where("mustChangePassword", "=", true),
      ),
    ).toBe(300);

    const first = viewJob(job);
    expect(first.credentials).toHaveLength(300);
    expect(viewJob(job).credentials, "the passwords are shown only once").toBeNull();
    const taken = takeCredentials(job);
    expect(taken?.map((c) => c.password)).toEqual(first.credentials?.map((c) => c.password));
    expect(takeCredentials(job), "and downloaded only once").toBeNull();
    expect(viewJob(job).downloadable).toBe(false);
  });

  it("lets only the admin who uploaded the file see or confirm the job", async () => {
    const job = await preview([["Q0001", "甲", "AS-SJJ-K02", "", ""]]);
    expect(findJob(job.id, otherAdmin.id)).toBeNull();
    expect(jobStatus(findJob(job.id, otherAdmin.id))).toEqual({
      state: "gone",
      processed: 0,
      total: 0,
    });
    expect(findJob(job.id, admin.id)).toBe(job);
  });

  it("refuses a second confirmation of the same job", async () => {
    const job = await preview([["S0001", "甲", "AS-SJJ-K02", "", ""]]);
    const started = startCommit(job, admin, null);
    expect(started.ok).toBe(true);
    expect(startCommit(job, admin, null)).toMatchObject({
      ok: false,
      message: "该导入已确认过，请勿重复提交",
    });
    if (started.ok) await started.done;
    expect(await countRows("User", (q) => q.where("username", "=", "S0001"))).toBe(1);
  });

  it("forgets a job and its rows after 30 minutes, and a new upload replaces the admin's previous job", async () => {
    const old = await preview([["T0001", "甲", "AS-SJJ-K02", "", ""]]);
    const fresh = await preview([["T0002", "乙", "AS-SJJ-K02", "", ""]]);
    expect(findJob(old.id, admin.id)).toBeNull();
    sweepJobs(fresh.createdAt + 30 * 60_000 + 1);
    expect(findJob(fresh.id, admin.id)).toBeNull();
  });

  it("writes the passwords as UTF-8 CSV with a BOM, formula-like cells kept as text, and passwords that never start like a formula", () => {
    for (let i = 0; i < 2000; i++) expect(generateInitialPassword()).not.toMatch(/^[=+\-@]/);
    const text = credentialsCsv([
      { username: "A1", name: "=cmd|' /C calc'!A0", unit: "@SUM(1)", password: "Abc#2345xyzQ" },
    ]);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parse(text.slice(1))).toEqual([
      ["工号", "姓名", "单位", "初始密码"],
      ["A1", "'=cmd|' /C calc'!A0", "'@SUM(1)", "Abc#2345xyzQ"],
    ]);
  });
});
