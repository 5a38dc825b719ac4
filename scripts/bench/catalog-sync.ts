// The portal's start-up sync of the whole catalog, read from its sync row and its log line.
import type { Kysely } from 'kysely';
import type { Database } from '../../lib/db/types';

export interface SyncOutcome {
  status: string;
  durationMs: number;
  error: string | null;
  /** From the portal's log line, as its call gates counted them (retries included). */
  armCalls: number;
  graphCalls: number;
  apis: number;
  /** Of armCalls: product reads, and subscription and user reads. */
  productCalls: number;
  subscriptionCalls: number;
}

const LOG_LINE = /\[catalog\] sync (\w+): (\d+) APIs, (\d+) ARM \+ (\d+) Graph calls, (\d+) ms/;
const PRODUCT_CALLS = /ARM calls for products (\d+), for subscriptions and users (\d+)/;

export async function waitForFullSync(db: Kysely<Database>, lines: string[], timeoutMs: number, onTick?: () => void): Promise<SyncOutcome> {
  const deadline = Date.now() + timeoutMs;
  let lastTick = Date.now();
  while (Date.now() < deadline) {
    const row = await db.selectFrom('catalog_sync').selectAll().where('scope', '=', 'all').executeTakeFirst();
    if (row && row.finished_at && (row.status === 'succeeded' || row.status === 'failed')) {
      // The log line follows the row's release by a moment.
      let match: RegExpExecArray | null = null;
      for (let i = 0; i < 20 && !match; i++) {
        match = lines.map((l) => LOG_LINE.exec(l)).find((m) => m !== null) ?? null;
        if (!match) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return {
        status: row.status,
        durationMs: Date.parse(row.finished_at) - Date.parse(row.started_at),
        error: row.error,
        armCalls: match ? Number(match[3]) : Number.NaN,
        graphCalls: match ? Number(match[4]) : Number.NaN,
        apis: match ? Number(match[2]) : Number.NaN,
        ...productCallsOf(match?.input ?? ''),
      };
    }
    if (onTick && Date.now() - lastTick > 30_000) {
      lastTick = Date.now();
      onTick();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the full catalog sync did not finish within ${timeoutMs / 1000} s`);
}

function productCallsOf(line: string): { productCalls: number; subscriptionCalls: number } {
  const match = PRODUCT_CALLS.exec(line);
  return { productCalls: match ? Number(match[1]) : Number.NaN, subscriptionCalls: match ? Number(match[2]) : Number.NaN };
}
