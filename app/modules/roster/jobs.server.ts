import { errorReason } from "#app/utils/log.server.ts";
import crypto from "node:crypto";
import { env } from "#app/utils/env.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { commitRoster, type CommitOptions, type Credential } from "./import.server.ts";
import { parseRosterFile } from "./parse.server.ts";
import type { RowIssue } from "./schemas.ts";
import { validateRoster, type Validation } from "./validate.server.ts";

type Actor = Pick<SessionUser, "id" | "username">;
export type JobState = "preview" | "hashing" | "writing" | "done" | "failed";

/**
 * An import between upload and the end: the validated rows wait here for the
 * admin's confirmation, then the commit reports its progress here, then the
 * initial passwords wait here to be shown once and downloaded once.
 * In memory only: a restart forgets every job (and every password).
 */
export type Job = {
  id: string;
  ownerId: number;
  fileName: string;
  format: string;
  createdAt: number;
  expiresAt: number;
  state: JobState;
  processed: number;
  total: number;
  validation: Validation;
  formulaCells: number;
  ignoredColumns: string[];
  message: string | null;
  importedCount: number;
  credentials: Credential[] | null;
  credentialsShown: boolean;
};

const JOB_TTL_MS = 30 * 60_000;
/** After the import the passwords stay until downloaded or cleared, and never longer than this. */
const CREDENTIALS_TTL_MS = 15 * 60_000;
const MAX_JOBS = 20;
const RUNNING: readonly JobState[] = ["hashing", "writing"];

declare global {
  var __rosterJobs: Map<string, Job> | undefined;
  var __rosterSweep: NodeJS.Timeout | undefined;
}
const jobs: Map<string, Job> = (globalThis.__rosterJobs ??= new Map());

export function isRunning(job: Job): boolean {
  return RUNNING.includes(job.state);
}

/** Drops expired jobs; passwords must not outlive their window even when nobody comes back. */
export function sweepJobs(now = Date.now()): void {
  for (const [id, job] of jobs) if (!isRunning(job) && job.expiresAt <= now) jobs.delete(id);
}

function ensureSweeper(): void {
  globalThis.__rosterSweep ??= setInterval(() => sweepJobs(), 60_000);
  globalThis.__rosterSweep.unref();
}

/** The job if it exists and belongs to this admin; another admin's job looks the same as a missing one. */
export function findJob(id: string, ownerId: number): Job | null {
  sweepJobs();
  const job = jobs.get(id);
  return job && job.ownerId === ownerId ? job : null;
}

/** The admin's own jobs for the home page, newest first: names and progress, never rows or passwords. */
export function jobsOf(ownerId: number) {
  sweepJobs();
  return [...jobs.values()]
    .filter((j) => j.ownerId === ownerId)
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((j) => ({
      id: j.id,
      fileName: j.fileName,
      state: j.state,
      processed: j.processed,
      total: j.total,
      importedCount: j.importedCount,
      createdAt: j.createdAt,
    }));
}

export type PreviewResult = { ok: true; job: Job } | { ok: false; status: number; message: string };

/** Reads and checks an uploaded file; the result waits in a new job for the admin's confirmation. Nothing is written. */
export async function previewUpload(
  owner: Actor,
  file: { name: string; bytes: Buffer },
): Promise<PreviewResult> {
  const parsed = await parseRosterFile(file.bytes);
  if (!parsed.ok) return parsed;
  const validation = await validateRoster(parsed.rows, parsed.issues);
  sweepJobs();
  // Starting a new import leaves the previous one: its rows and passwords go.
  for (const [id, job] of jobs) if (job.ownerId === owner.id && !isRunning(job)) jobs.delete(id);
  if (jobs.size >= MAX_JOBS)
    return { ok: false, status: 503, message: "同时进行的导入过多，请稍后再试" };
  const now = Date.now();
  const job: Job = {
    id: crypto.randomBytes(16).toString("base64url"),
    ownerId: owner.id,
    // eslint-disable-next-line no-control-regex
    fileName: file.name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 100),
    format: parsed.encoding ? `${parsed.format}（${parsed.encoding}）` : parsed.format,
    createdAt: now,
    expiresAt: now + JOB_TTL_MS,
    state: "preview",
    processed: 0,
    total: validation.rows.length,
    validation,
    formulaCells: parsed.formulaCells,
    ignoredColumns: parsed.ignoredColumns,
    message: null,
    importedCount: 0,
    credentials: null,
    credentialsShown: false,
  };
  jobs.set(job.id, job);
  ensureSweeper();
  return { ok: true, job };
}

/**
 * Starts the commit in the background and returns at once; the page polls the
 * job. One commit at a time: SQLite has one writer, and a 50,000-row
 * transaction should not queue behind another.
 */
export function startCommit(
  job: Job,
  actor: Actor,
  ip: string | null,
  opts: Omit<CommitOptions, "onProgress" | "fileName"> = {},
): { ok: true; done: Promise<void> } | { ok: false; message: string } {
  if (job.state !== "preview") return { ok: false, message: "该导入已确认过，请勿重复提交" };
  if (job.validation.issues.length > 0)
    return { ok: false, message: "文件中还有错误，不能导入；请修改后重新上传" };
  if ([...jobs.values()].some(isRunning))
    return { ok: false, message: "另一项导入正在进行，请稍后再确认" };
  job.state = "hashing";
  job.processed = 0;
  const rows = job.validation.rows;
  const done = commitRoster(actor, ip, rows, {
    ...opts,
    fileName: job.fileName,
    onProgress: (phase, processed) => {
      job.state = phase === "hash" ? "hashing" : "writing";
      job.processed = processed;
    },
  })
    .catch((error: unknown) => {
      if (env().LOG_LEVEL !== "silent") console.error("[roster import] failed", errorReason(error));
      return { ok: false as const, message: "导入失败，未导入任何人员。请稍后重试。" };
    })
    .then((result) => {
      // The rows are no longer needed; only counts and the issues stay for the page.
      job.validation = { ...job.validation, rows: [] };
      job.expiresAt = Date.now() + CREDENTIALS_TTL_MS;
      if (result.ok) {
        job.state = "done";
        job.importedCount = result.count;
        job.credentials = result.credentials;
      } else {
        job.state = "failed";
        job.message = result.message;
      }
    });
  return { ok: true, done };
}

export function discardJob(job: Job): void {
  if (!isRunning(job)) jobs.delete(job.id);
}

/** The passwords for the one download; afterwards they are gone. */
export function takeCredentials(job: Job): Credential[] | null {
  const credentials = job.credentials;
  job.credentials = null;
  return credentials;
}

export function forgetCredentials(job: Job): void {
  job.credentials = null;
}

export const PREVIEW_ISSUES = 200;
export const SHOWN_PASSWORDS = 500;

/** What the page shows. The passwords come along once: the first view after the import. */
export function viewJob(job: Job) {
  const { validation } = job;
  let credentials: Credential[] | null = null;
  if (job.state === "done" && job.credentials && !job.credentialsShown) {
    job.credentialsShown = true;
    credentials = job.credentials.slice(0, SHOWN_PASSWORDS);
  }
  const errorLines = new Set(validation.issues.map((i: RowIssue) => i.line)).size;
  return {
    id: job.id,
    state: job.state,
    fileName: job.fileName,
    format: job.format,
    total: validation.total,
    valid: job.state === "preview" ? validation.rows.length : job.total,
    errorLines,
    issueCount: validation.issues.length,
    issues: validation.issues.slice(0, PREVIEW_ISSUES),
    sample: validation.rows.slice(0, 10).map((r) => ({
      line: r.line,
      username: r.username,
      name: r.name,
      unit: r.unitLabel,
      mobile: r.mobile,
      role: r.role,
    })),
    neutralised: validation.neutralised,
    formulaCells: job.formulaCells,
    ignoredColumns: job.ignoredColumns,
    processed: job.processed,
    jobTotal: job.total,
    message: job.message,
    importedCount: job.importedCount,
    credentials,
    credentialsTotal: job.credentials?.length ?? 0,
    downloadable: job.credentials !== null,
  };
}
export type JobView = ReturnType<typeof viewJob>;

export function jobStatus(job: Job | null) {
  if (!job) return { state: "gone" as const, processed: 0, total: 0 };
  return { state: job.state, processed: job.processed, total: job.total };
}
