import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { AuditEvent } from './audit-event';
import { computeAuditHash, computeLegacyAuditHash } from './audit-hash';

export type AuditChainBreakReason = 'missing-seq' | 'prev-hash-mismatch' | 'hash-mismatch' | 'head-mismatch' | 'unsealed';

export interface AuditChainBreak {
  /** The first seq whose row (or absence) does not fit the chain. */
  brokenSeq: number;
  reason: AuditChainBreakReason;
  message: string;
}

/** Where checking starts: after `seq`, whose hash is `hash`; `keyed` when that event carried an HMAC. */
export interface AuditChainStart {
  seq: number;
  hash: string;
  keyed: boolean;
}

export const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks events one by one in seq order, for the database and for exported files alike.
 *
 * Events written before the chain was keyed carry a plain SHA-256 hash. They are accepted only as a prefix: once
 * one event carries an HMAC every later one must, and the chain must end on an HMAC. The first keyed event's HMAC
 * covers the last legacy hash, and each legacy hash covers the one before, so that one HMAC seals the whole legacy
 * prefix: rewriting a legacy event and recomputing plain hashes changes the hash the keyed event vouches for.
 * Someone without the key can neither extend the prefix (relabel keyed events as legacy: the chain would then end
 * on a legacy hash) nor forge a keyed event.
 */
export function createAuditChainChecker(start: AuditChainStart, key: string) {
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  let keyed = start.keyed;
  let checked = 0;
  let legacyThrough = start.keyed ? 0 : start.seq;

  const broken = (brokenSeq: number, reason: AuditChainBreakReason, message: string): AuditChainBreak => ({ brokenSeq, reason, message });

  return {
    /** Checks the next event; `storedTextChanged` flags stored JSON that is not in the canonical form it was written in. */
    next(event: AuditEvent, storedTextChanged = false): AuditChainBreak | null {
      const seq = event.seq;
      if (seq !== expectedSeq) return broken(expectedSeq, 'missing-seq', `event ${expectedSeq} is missing`);
      if (event.prevHash !== prevHash) return broken(seq, 'prev-hash-mismatch', `event ${seq} does not follow event ${seq - 1}`);
      const isKeyed = !storedTextChanged && sameHex(computeAuditHash(prevHash, event, key), event.hash);
      const isLegacy = !isKeyed && !keyed && !storedTextChanged && sameHex(computeLegacyAuditHash(prevHash, event), event.hash);
      if (!isKeyed && !isLegacy) {
        return broken(seq, 'hash-mismatch', `event ${seq} was changed after it was written (its hash does not match under the audit key)`);
      }
      if (isKeyed) keyed = true;
      else legacyThrough = seq;
      prevHash = event.hash;
      expectedSeq = seq + 1;
      checked += 1;
      return null;
    },
    /** Call after the last event: a chain may not end on a legacy hash. */
    finish(): AuditChainBreak | null {
      if (expectedSeq - 1 > 0 && !keyed) {
        return broken(
          legacyThrough,
          'unsealed',
          `events up to ${legacyThrough} carry only plain SHA-256 hashes and no keyed event follows them, so they cannot be told apart from a rewrite`,
        );
      }
      return null;
    },
    get state() {
      return { checked, lastSeq: expectedSeq - 1, lastHash: prevHash, keyed, legacyThrough };
    },
  };
}

export type AuditChainChecker = ReturnType<typeof createAuditChainChecker>;
