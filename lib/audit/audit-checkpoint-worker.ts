import 'server-only';
import type { Kysely } from 'kysely';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import type { Database } from '@/lib/db/types';
import { auditHmacKey } from '@/lib/env';
import { clearAuditCheckpoint, saveAuditCheckpoint } from './audit-checkpoint';
import { sealLegacyAuditChain } from './seal-legacy-audit-chain';
import { verifyAuditChain, type AuditChainReport } from './verify-audit-chain';

/**
 * Verifies the chain and moves the checkpoint to its end, so page views only verify what was appended since.
 * A break clears the checkpoint: from then on every page view verifies from event 1 and shows the break.
 */
export async function advanceAuditCheckpoint(
  db: Kysely<Database>,
  from: 'checkpoint' | 'genesis' = 'checkpoint',
): Promise<AuditChainReport> {
  const key = auditHmacKey();
  const report = await verifyAuditChain(db, { from, key });
  if (!report.ok) {
    console.error(`audit chain does not verify: ${report.message} (event ${report.brokenSeq})`);
    await clearAuditCheckpoint(db);
  } else if (report.lastSeq > 0) {
    await saveAuditCheckpoint(db, { seq: report.lastSeq, hash: report.lastHash }, key);
  }
  return report;
}

/**
 * Once per process: seal a legacy chain, verify the whole chain (edits before the checkpoint are only found by a
 * full pass), then advance the checkpoint every `intervalMs`.
 */
export function startAuditCheckpointWorker(db: Kysely<Database>, intervalMs = 5 * 60_000): PollLoop {
  let fullPassDone = false;
  return startPollLoop('audit checkpoint', intervalMs, async () => {
    if (!fullPassDone) await sealLegacyAuditChain(db);
    await advanceAuditCheckpoint(db, fullPassDone ? 'checkpoint' : 'genesis');
    fullPassDone = true;
  });
}
