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

/**
 * The characters of generated passwords (issue 17): letters and digits that cannot be mistaken
 * for one another when read off a screen or read out to a colleague: no 0/O/o, 1/l/I, and no
 * symbols (which have several names and sit in different places on keyboards). Three classes
 * (lower, upper, digit) meet the policy (3 of 4), and a password never starts like a formula
 * (= + - @), so a CSV shows it unaltered.
 */
export const PASSWORD_ALPHABET = {
  lower: "abcdefghijkmnpqrstuvwxyz",
  upper: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digit: "23456789",
} as const;

/**
 * THE generator of initial passwords: the roster import, the admin's reset, the bulk reset,
 * new accounts (one of each class, then any; 54 characters, 12 long: about 69 bits).
 */
export function generateInitialPassword(length = 12): string {
  const pick = (set: string) => set[crypto.randomInt(set.length)]!;
  const all = Object.values(PASSWORD_ALPHABET).join("");
  const chars = [
    pick(PASSWORD_ALPHABET.lower),
    pick(PASSWORD_ALPHABET.upper),
    pick(PASSWORD_ALPHABET.digit),
  ];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
