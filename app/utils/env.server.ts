import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/.+)/,
      "DATABASE_URL 必须是 file: 开头的 SQLite 路径（如 file:./data/app.db）或 postgresql:// 开头的 PostgreSQL 地址",
    )
    .default("file:./data/app.db"),
  /** PostgreSQL only: connections per app process (N instances need N × this ≤ max_connections). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /**
   * PostgreSQL only: compiled statements kept prepared per connection (parsed once, plan reused).
   * false for a pooler in transaction mode (PgBouncer before 1.21) or a server that mishandles them.
   */
  DATABASE_PREPARED: booleanFlag.default(true),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Bind address: unset listens on every interface (as before); 127.0.0.1 behind a local proxy. */
  HOST: z
    .union(
      [
        z.ipv4(),
        z.ipv6(),
        z
          .string()
          .max(253)
          .regex(/^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/),
      ],
      { error: "HOST 必须是 IP 地址（如 127.0.0.1、0.0.0.0、::）或主机名（如 localhost）" },
    )
    .optional(),
  /** Express "trust proxy": off unless a reverse proxy in front sets X-Forwarded-For. */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|loopback|uniquelocal|\d{1,2})$/,
      "TRUST_PROXY 只能是 false、loopback、uniquelocal 或代理层数",
    )
    .default("false"),
  /** Demo data (known passwords) on an empty database; false seeds only the root unit and one admin. */
  DEMO_DATA: booleanFlag.default(true),
  ADMIN_INITIAL_PASSWORD: z.string().min(8).optional(),
  RATE_LIMIT_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_POST_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  MAX_FORM_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  /** Multiplies every lesson's minimum reading time; below 1 only for end-to-end tests. */
  READING_TIME_SCALE: z.coerce.number().min(0).max(10).default(1),
  /** Seconds after a quiz's deadline during which saves and the submit are still accepted. */
  QUIZ_GRACE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  /** e.g. smtp://user:pass@mail.example.gov.cn:587; unset = in-app notifications only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "SMTP_URL 应为 smtp:// 或 smtps:// 开头的地址")
    .optional(),
  MAIL_FROM: z.string().default("法治学堂 <noreply@fzxt.local>"),
  /** Booking files (contracts, returned opinions): a folder outside public/, created when missing. */
  FILES_DIR: z.string().min(1).default("./data/files"),
  /** Where `npm run db:backup` writes; the admin home shows the newest backup's age from it. */
  BACKUP_DIR: z.string().min(1).default("backups"),
  /** The statute library folder; another only to load a fixture library (the amendment-flag e2e test). */
  LAWS_DIR: z.string().min(1).default("content/laws"),
  /**
   * The address people reach the site at (e.g. https://fzxt.example.gov.cn), for links that leave
   * the browser: the certificate's QR code opens /verify there. Unset: the request's own origin.
   */
  PUBLIC_BASE_URL: z
    .string()
    .regex(
      /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/,
      "PUBLIC_BASE_URL 应为 http:// 或 https:// 开头的地址",
    )
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
  LOG_LEVEL: z.enum(["silent", "error", "info"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment once; exits with every problem listed when it is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`环境变量无效 (invalid environment):\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env. */
export function resetEnvCache() {
  cached = undefined;
}
