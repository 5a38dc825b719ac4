import 'server-only';
import { randomBytes } from 'node:crypto';

/** What the console used for one call; kept on the server so the token reaches the browser only when its owner asks. */
export interface ConsoleCallSecrets {
  /** Absent when the API has no app registration to get a token for. */
  token?: string;
  subscriptionKey?: string;
  apiId: string;
  operationId: string;
}

const TTL_MS = 15 * 60_000;
const MAX_PER_USER = 5;
const store = new Map<string, { oid: string; at: number; secrets: ConsoleCallSecrets }>();

function sweep(now: number): void {
  for (const [id, entry] of store) if (now - entry.at > TTL_MS) store.delete(id);
}

/** Keeps the last few calls of a user for a short while; returns the random id the page refers to them by. */
export function rememberConsoleCall(oid: string, secrets: ConsoleCallSecrets, now = Date.now()): string {
  sweep(now);
  const mine = [...store].filter(([, e]) => e.oid === oid).sort((a, b) => a[1].at - b[1].at);
  for (const [id] of mine.slice(0, Math.max(0, mine.length - MAX_PER_USER + 1))) store.delete(id);
  const id = randomBytes(16).toString('base64url');
  store.set(id, { oid, at: now, secrets });
  return id;
}

/** The call's secrets, only for the user who made it. */
export function recallConsoleCall(oid: string, id: string, now = Date.now()): ConsoleCallSecrets | null {
  sweep(now);
  const entry = store.get(id);
  return entry && entry.oid === oid ? entry.secrets : null;
}
