import crypto from "node:crypto";
import type { Credential } from "./bulk.server.ts";

// The new initial passwords of a bulk reset, between the reset and their one view and one
// download (as the roster import's, decision 0006 and 0017): in the memory of the instance that
// did the reset, for 15 minutes at most, never in the database. In a cluster the proxy sends
// /admin/users by the session cookie to one instance (docs/deploy.md).

const TTL_MS = 15 * 60_000;
const MAX = 50;
type Entry = {
  ownerId: number;
  credentials: Credential[] | null;
  shown: boolean;
  expiresAt: number;
};

declare global {
  var __bulkCredentials: Map<string, Entry> | undefined;
}
const store: Map<string, Entry> = (globalThis.__bulkCredentials ??= new Map());

function sweep(now = Date.now()) {
  for (const [id, e] of store) if (e.expiresAt <= now) store.delete(id);
}

/** Keeps the passwords for the owner; returns the id the page and the download use. */
export function keepCredentials(ownerId: number, credentials: Credential[], now = Date.now()) {
  sweep(now);
  // An admin's older reset leaves when he does a new one; the store stays bounded.
  for (const [id, e] of store) if (e.ownerId === ownerId) store.delete(id);
  while (store.size >= MAX) store.delete(store.keys().next().value!);
  const id = crypto.randomBytes(16).toString("base64url");
  store.set(id, { ownerId, credentials, shown: false, expiresAt: now + TTL_MS });
  return id;
}

/** The first view shows the passwords; later views only say whether the download is still there. */
export function viewCredentials(id: string, ownerId: number) {
  sweep();
  const e = store.get(id);
  if (!e || e.ownerId !== ownerId) return { credentials: null, downloadable: false, count: 0 };
  const first = !e.shown && e.credentials !== null;
  e.shown = true;
  return {
    credentials: first ? e.credentials : null,
    downloadable: e.credentials !== null,
    count: e.credentials?.length ?? 0,
  };
}

/** The passwords for the one download; afterwards they are gone. */
export function takeCredentials(id: string, ownerId: number): Credential[] | null {
  sweep();
  const e = store.get(id);
  if (!e || e.ownerId !== ownerId) return null;
  const credentials = e.credentials;
  store.delete(id);
  return credentials;
}

export function forgetCredentials(id: string, ownerId: number): void {
  const e = store.get(id);
  if (e && e.ownerId === ownerId) store.delete(id);
}
