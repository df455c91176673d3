// `npm run auditor -- <command> …`: the only way to manage AUDITOR accounts (三员分立, decision
// 0012). Run on the server by its operator; no web role can do any of this. Each change is
// audited with "命令行:<operating-system user>" as the actor.
//   create <username> <姓名>     a new auditor; prints the initial password once
//   reset-password <username>    a new initial password, printed once; ends his sessions
//   disable <username>           ends his sessions; he cannot log in
//   enable <username>
import os from "node:os";
import {
  createAuditor,
  resetAuditorPassword,
  setAuditorDisabled,
  type CommandResult,
} from "../app/modules/users/auditor.server.ts";
import { closeDb } from "../app/data/db.server.ts";

const USAGE = `usage: npm run auditor -- create <username> <姓名>
       npm run auditor -- reset-password <username>
       npm run auditor -- disable <username>
       npm run auditor -- enable <username>`;

function operator(): string {
  let name = process.env.SUDO_USER || process.env.USER || "";
  try {
    name ||= os.userInfo().username;
  } catch {
    // no passwd entry for this uid: keep what the environment says
  }
  return `命令行:${name || "unknown"}`.slice(0, 64);
}

async function run(args: string[]): Promise<CommandResult | null> {
  const [command, username, name] = args;
  const actor = operator();
  if (command === "create" && username && name && args.length === 3)
    return createAuditor(actor, { username, name });
  if (args.length !== 2 || !username) return null;
  if (command === "reset-password") return resetAuditorPassword(actor, username);
  if (command === "disable") return setAuditorDisabled(actor, username, true);
  if (command === "enable") return setAuditorDisabled(actor, username, false);
  return null;
}

const result = await run(process.argv.slice(2));
await closeDb();
if (!result) {
  console.error(USAGE);
  process.exit(2);
}
if (!result.ok) {
  console.error(`auditor: ${result.message}`);
  process.exit(1);
}
console.log(`auditor: ${result.message}`);
if (result.password) console.log(`initial password (shown once): ${result.password}`);
