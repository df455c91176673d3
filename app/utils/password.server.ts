import { hash, verify } from "@node-rs/argon2";
import crypto from "node:crypto";

// OWASP's Argon2id baseline (19 MiB, 2 passes): about 40 ms a hash here.
// algorithm 2 is Algorithm.Argon2id (a const enum, which isolatedModules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown username is not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}

const ALPHABET = {
  lower: "abcdefghijkmnpqrstuvwxyz",
  upper: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digit: "23456789",
  symbol: "#%+=@",
};

/** A random initial password that meets the policy (no look-alike characters). */
export function generateInitialPassword(length = 12): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)]!;
  const all = Object.values(ALPHABET).join("");
  const chars = [
    pick(ALPHABET.lower),
    pick(ALPHABET.upper),
    pick(ALPHABET.digit),
    pick(ALPHABET.symbol),
  ];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
