import 'server-only';
import { createAuditChainChecker, type AuditChainBreak, type AuditChainChecker } from './audit-chain-checker';
import { AUDIT_GENESIS_HASH } from './audit-hash';
import { AuditCsvError, readAuditCsv } from './read-audit-csv';

export type AuditCsvReport =
  | { ok: true; events: number; firstSeq: number; lastSeq: number; gaps: number; legacyThrough: number }
  | { ok: false; line: number | null; seq: number | null; message: string };

/**
 * Verifies an exported audit CSV (any row order) under the audit key. A complete export must start at event 1 and
 * have no gaps; with `allowGaps` (an export filtered by actor, action or date) each run of consecutive events is
 * checked on its own, and only the links across a gap go unchecked.
 */
export function verifyAuditCsv(csv: string, key: string, options: { allowGaps?: boolean } = {}): AuditCsvReport {
  let rows;
  try {
    rows = readAuditCsv(csv).sort((a, b) => a.event.seq - b.event.seq);
  } catch (error) {
    if (error instanceof AuditCsvError) return { ok: false, line: error.line, seq: error.seq, message: error.message };
    throw error;
  }
  if (rows.length === 0) return { ok: false, line: null, seq: null, message: 'the file holds no events' };

  let checker: AuditChainChecker = createAuditChainChecker({ seq: 0, hash: AUDIT_GENESIS_HASH, keyed: false }, key);
  let gaps = 0;
  let legacyThrough = 0;
  const lineOf = (seq: number) => rows.find((row) => row.event.seq === seq)?.line ?? null;
  const failed = (failure: AuditChainBreak) => {
    const hint = failure.reason === 'missing-seq' ? ' (an export filtered by actor, action or date has gaps: pass --allow-gaps)' : '';
    return { ok: false as const, line: lineOf(failure.brokenSeq), seq: failure.brokenSeq, message: failure.message + hint };
  };
  for (const { event } of rows) {
    const expected = checker.state.lastSeq + 1;
    if (event.seq < expected) return { ok: false, line: lineOf(event.seq), seq: event.seq, message: `event ${event.seq} appears twice` };
    if (event.seq > expected && options.allowGaps) {
      gaps += checker.state.lastSeq > 0 ? 1 : 0;
      legacyThrough = Math.max(legacyThrough, checker.state.legacyThrough);
      // Nothing before the gap vouches for this event's prev_hash; its own hash still must verify.
      checker = createAuditChainChecker({ seq: event.seq - 1, hash: event.prevHash, keyed: checker.state.keyed }, key);
    }
    const failure = checker.next(event);
    if (failure) return failed(failure);
  }
  const unsealed = checker.finish();
  if (unsealed) return failed(unsealed);
  return {
    ok: true,
    events: rows.length,
    firstSeq: rows[0]?.event.seq ?? 0,
    lastSeq: checker.state.lastSeq,
    gaps,
    legacyThrough: Math.max(legacyThrough, checker.state.legacyThrough),
  };
}
