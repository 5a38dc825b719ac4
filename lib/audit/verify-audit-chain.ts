import 'server-only';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '@/lib/db/types';
import { auditHmacKey } from '@/lib/env';
import { createAuditChainChecker, type AuditChainBreak, type AuditChainStart } from './audit-chain-checker';
import { readAuditCheckpoint } from './audit-checkpoint';
import { auditEventFromRow, type AuditEvent } from './audit-event';
import { AUDIT_GENESIS_HASH } from './audit-hash';
import { canonicalJson } from './canonical-json';

export type AuditChainReport =
  | { ok: true; checked: number; lastSeq: number; lastHash: string; fromSeq: number }
  | ({ ok: false; checked: number; fromSeq: number } & AuditChainBreak);

export interface VerifyAuditChainOptions {
  /** 'checkpoint' (default) verifies only the events after the stored checkpoint; 'genesis' the whole chain. */
  from?: 'checkpoint' | 'genesis';
  batchSize?: number;
  key?: string;
}

// Stored JSON must be byte-for-byte the canonical form, so even an edit that parses to the same value shows.
function readRow(row: AuditEventRow): { event: AuditEvent; changed: boolean } {
  try {
    const changed = ![row.before, row.after, row.data].every((text) => text === null || canonicalJson(JSON.parse(text)) === text);
    return { event: auditEventFromRow(row), changed };
  } catch {
    return { event: { ...auditEventFromRow({ ...row, before: null, after: null, data: '{}' }) }, changed: true };
  }
}

async function startOf(db: Kysely<Database>, options: VerifyAuditChainOptions, key: string): Promise<AuditChainStart | AuditChainBreak> {
  const genesis = { seq: 0, hash: AUDIT_GENESIS_HASH, keyed: false };
  if (options.from === 'genesis') return genesis;
  const checkpoint = await readAuditCheckpoint(db, key);
  if (!checkpoint) return genesis;
  const row = await db.selectFrom('audit_event').select('hash').where('seq', '=', checkpoint.seq).executeTakeFirst();
  if (row?.hash !== checkpoint.hash) {
    return {
      brokenSeq: checkpoint.seq,
      reason: 'hash-mismatch',
      message: `event ${checkpoint.seq} was changed or removed after it was verified`,
    };
  }
  // Checkpoints are only saved for a chain that ends on a keyed event.
  return { ...checkpoint, keyed: true };
}

/**
 * Verifies the chain from the checkpoint (or from event 1) to the head and reports the first event that does not
 * verify. Read-only: the checkpoint is advanced by the audit checkpoint worker, never by a page view.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: VerifyAuditChainOptions = {}): Promise<AuditChainReport> {
  const key = options.key ?? auditHmacKey();
  const batchSize = options.batchSize ?? 1000;
  const start = await startOf(db, options, key);
  if (!('hash' in start)) return { ok: false, checked: 0, fromSeq: start.brokenSeq, ...start };
  const fromSeq = start.seq;
  const checker = createAuditChainChecker(start, key);
  const fail = (failure: AuditChainBreak) => ({ ok: false as const, checked: checker.state.checked, fromSeq, ...failure });
  for (;;) {
    const after = checker.state.lastSeq;
    const rows = await db.selectFrom('audit_event').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    for (const row of rows) {
      const { event, changed } = readRow(row);
      const failure = checker.next(event, changed);
      if (failure) return fail(failure);
    }
    if (rows.length < batchSize) break;
    // better-sqlite3 answers synchronously, so without this a pass over a million events would run as one unbroken chain
    // of microtasks and hold every request of the server (the start-up pass took minutes and starved the catalog sync).
    await new Promise((resolve) => setImmediate(resolve));
  }

  const { lastSeq, lastHash } = checker.state;
  const head = await db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.last_seq) !== lastSeq || head.last_hash !== lastHash) {
    // The head is ahead of the rows when events were deleted from the end of the chain.
    const brokenSeq = head ? Math.min(Number(head.last_seq), lastSeq + 1) : lastSeq + 1;
    const message = `the chain ends at event ${lastSeq} but the head records event ${head?.last_seq ?? 'none'}`;
    return fail({ brokenSeq, reason: 'head-mismatch', message });
  }
  const unsealed = checker.finish();
  if (unsealed) return fail(unsealed);
  return { ok: true, checked: checker.state.checked, lastSeq, lastHash, fromSeq };
}
