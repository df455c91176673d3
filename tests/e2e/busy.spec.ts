import { expect, test } from "@playwright/test";
import { holdWriteLock } from "../integration/hold-lock.ts";
import {
  apiContext,
  BASE_URL,
  E2E_DB_FILE,
  GENERATED_STAFF_PASSWORD,
  isPg,
  RESERVED_STAFF,
} from "./fixtures.ts";

// Issue 11 item 22 and decision 0011: while another process holds SQLite's write lock past the
// 5 s bound, a write answers 503 with Retry-After and 系统繁忙，请稍后重试 (never 500), the
// server keeps serving meanwhile, /healthz is red, and the next write after the lock goes works.
test("a write that cannot get the database in time answers 503 + Retry-After in Chinese, and the next one succeeds", async () => {
  test.skip(
    isPg,
    "holds SQLite's file write lock from another process; PostgreSQL's busy answer (lock_timeout → 503) is tested in tests/pg",
  );
  test.setTimeout(60_000);
  const api = await apiContext({
    username: RESERVED_STAFF.busy,
    password: GENERATED_STAFF_PASSWORD,
  });
  const markRead = () =>
    api.post("/notifications", { form: { intent: "read-all" }, maxRedirects: 0 });
  const { released } = await holdWriteLock(E2E_DB_FILE, 8000);
  const pending = markRead();
  // The wait is asynchronous: other requests are served meanwhile.
  const about = await fetch(`${BASE_URL}/about`);
  expect(about.status).toBe(200);
  expect((await fetch(`${BASE_URL}/healthz`)).status).toBe(503);
  const busy = await pending;
  expect(busy.status()).toBe(503);
  expect(busy.headers()["retry-after"]).toBe("5");
  expect(await busy.text()).toContain("系统繁忙，请稍后重试");
  await released;
  expect((await markRead()).status()).toBe(302);
  expect((await fetch(`${BASE_URL}/healthz`)).status).toBe(200);
  await api.dispose();
});
