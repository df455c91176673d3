// Two processes racing for real: the child (a tsx script) opens its connection, prints
// "ready" and waits; the parent then says "go" on its stdin and starts its own side at the
// same moment. Resolves to the child's last output line and the parent's result.
import { spawn } from "node:child_process";
import path from "node:path";

const tsx = path.resolve("node_modules/.bin/tsx");

export async function raceWithChild<T>(
  script: string,
  args: string[],
  ours: () => Promise<T>,
): Promise<[string, T]> {
  const child = spawn(tsx, [script, ...args], {
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready\n")) resolve();
    });
    void exited.then(() => reject(new Error(`race child exited before ready: ${err}`)));
  });
  child.stdin.end("go\n");
  const mine = await ours();
  const code = await exited;
  if (code !== 0) throw new Error(`race child failed (${code}): ${err}`);
  return [out.trim().split("\n").pop()!, mine];
}

/** In the child: say ready, then resolve when the parent says go. */
export function readyThenGo(): Promise<void> {
  process.stdout.write("ready\n");
  return new Promise((resolve) => process.stdin.once("data", () => resolve()));
}
