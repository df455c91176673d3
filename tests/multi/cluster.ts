// The cluster test's machinery: built app instances on one database, a real nginx in front
// (Debian's /usr/sbin/nginx, run as the current user from a temp dir), and an HTTP client that
// can speak from any loopback address (127.0.0.x), so each address is a different client as
// the proxy sees it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export const NGINX = process.env.NGINX_BIN ?? "/usr/sbin/nginx";
export const nginxAvailable = () => fs.existsSync(NGINX);

/** Reads of the shared database, the same SQL on both dialects (quoted names, `?` markers). */
export type TestDb = {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** A migrated, seeded demo database (SQLite) at `file`, as `npm start` leaves it. */
export function prepareSqlite(file: string): TestDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  const env = { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" };
  execFileSync(bin("prisma"), ["migrate", "deploy"], { stdio: "ignore", env });
  seed(env);
  return {
    async rows<T>(sql: string, params: unknown[] = []) {
      const db = new Database(file);
      try {
        // SQLite keeps DateTime as epoch milliseconds and booleans as 0 / 1.
        const values = params.map((p) =>
          p instanceof Date ? p.getTime() : typeof p === "boolean" ? Number(p) : p,
        );
        return db.prepare(sql).all(...values) as T[];
      } finally {
        db.close();
      }
    },
    async close() {},
  };
}

/** The same on PostgreSQL: `url` names an empty database; migrated as `npm start` does. */
export function preparePg(url: string): TestDb {
  const env = { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" };
  execFileSync(bin("tsx"), ["scripts/db-migrate-pg.ts"], { stdio: "ignore", env, cwd: root });
  seed(env);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    async rows<T>(sql: string, params: unknown[] = []) {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return (await pool.query(text, params)).rows as T[];
    },
    close: () => pool.end(),
  };
}

function seed(env: NodeJS.ProcessEnv) {
  execFileSync(bin("tsx"), ["prisma/seed.ts"], { stdio: "ignore", env, cwd: root });
  execFileSync(bin("tsx"), ["scripts/content-sync.ts"], { stdio: "ignore", env, cwd: root });
}

export type Instance = {
  name: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
  kill9(): Promise<void>;
};

/** One production server process (`server-build/index.js`), answering /healthz. */
export async function startInstance(
  name: string,
  port: number,
  env: Record<string, string>,
): Promise<Instance> {
  if (!fs.existsSync(path.join(root, "server-build/index.js")))
    throw new Error("cluster: run `npm run build` first (the test runs the production build)");
  const child = spawn(process.execPath, ["server-build/index.js"], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      ...env,
    },
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`cluster: ${name} exited: ${stderr}`);
    const ok = await request({ port, path: "/healthz" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (i > 300) throw new Error(`cluster: ${name} did not answer /healthz: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    port,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type Nginx = { dir: string; stop(): void; log(): string };

/**
 * nginx in front of the instances, configured into a temp dir and run as the current user
 * (`-p dir -c nginx.conf`, pid, logs and temp files in the dir). `servers` maps a listen port
 * to its upstream ports. Each answer carries `X-Upstream` (which instance served it).
 */
export function startNginx(servers: Record<number, number[]>): Nginx {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fzxt-nginx-"));
  for (const d of ["logs", "tmp"]) fs.mkdirSync(path.join(dir, d));
  const blocks = Object.entries(servers)
    .map(
      ([listen, upstreams]) => `
  upstream app_${listen} {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join("\n")}
    keepalive 16;
  }
  upstream import_${listen} {
    hash $cookie_fzxt_session consistent;
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join("\n")}
  }
  server {
    listen 127.0.0.1:${listen};
    client_max_body_size 12m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    add_header X-Upstream $upstream_addr always;
    location / {
      proxy_pass http://app_${listen};
      proxy_next_upstream error timeout http_502 http_503;
    }
    # As docs/deploy.md: the roster import's upload lives in one instance's memory.
    location /admin/import {
      proxy_pass http://import_${listen};
    }
  }`,
    )
    .join("\n");
  const conf = `
daemon on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 512; }
http {
  access_log ${dir}/logs/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
${blocks}
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  execFileSync(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "pipe" });
  return {
    dir,
    log: () => fs.readFileSync(path.join(dir, "logs/error.log"), "utf8"),
    stop() {
      const pidFile = path.join(dir, "nginx.pid");
      if (fs.existsSync(pidFile)) {
        const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
        try {
          process.kill(pid, "SIGQUIT");
          // Gone within two seconds (a graceful quit), then its directory goes too.
          for (let i = 0; i < 40 && alive(pid); i++) execFileSync("sleep", ["0.05"]);
        } catch {
          // already gone
        }
      }
      if (process.env.KEEP_NGINX_DIR !== "1") fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP request from `from` (a loopback address: the client the proxy sees). */
export function request(opts: {
  port: number;
  path: string;
  method?: string;
  from?: string;
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** A body of its own (a multipart form): bytes and content type. */
  raw?: { bytes: Buffer; type: string };
}): Promise<Answer> {
  const body =
    opts.raw?.bytes ?? (opts.form ? new URLSearchParams(opts.form).toString() : undefined);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: opts.port,
        path: opts.path,
        method: opts.method ?? (body ? "POST" : "GET"),
        localAddress: opts.from,
        agent: false,
        headers: {
          ...(body
            ? {
                "Content-Type": opts.raw?.type ?? "application/x-www-form-urlencoded",
                "Content-Length": String(Buffer.byteLength(body)),
                Origin: `http://127.0.0.1:${opts.port}`,
              }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The session cookie of a successful login (302), or an error naming the answer. */
export async function login(
  port: number,
  from: string,
  username: string,
  password: string,
): Promise<{ cookie: string; upstream: string }> {
  const res = await request({ port, path: "/login", from, form: { username, password } });
  const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie)
    throw new Error(`cluster: login as ${username} answered ${res.status}`);
  return { cookie, upstream: String(res.headers["x-upstream"]) };
}

/** A multipart form as bytes, the way a browser sends it. */
export async function multipart(
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Buffer }>,
): Promise<{ bytes: Buffer; type: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of Object.entries(files))
    form.append(k, new Blob([new Uint8Array(f.bytes)]), f.name);
  const res = new Response(form);
  return { bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get("content-type")! };
}
