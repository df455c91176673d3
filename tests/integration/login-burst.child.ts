// A separate process for login-lockout.test.ts: N parallel wrong guesses against the test's
// database file (DATABASE_URL from the parent), then prints how many were refused.
import { login } from "#app/modules/auth/login.server.ts";

const [username, count] = process.argv.slice(2);
const outcomes = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    login({ username: username!, password: `Wrong@2026-${i}`, ip: null, previousToken: null }),
  ),
);
console.log(outcomes.filter((o) => !o.ok).length);
process.exit(0);
