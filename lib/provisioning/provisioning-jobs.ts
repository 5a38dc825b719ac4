import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { Database, JobAction } from '@/lib/db/types';
import type { PollLoop } from '@/lib/server/jobs/poll-loop';
import { processSingleton } from '@/lib/server/state/process-singleton';

/** Queues Graph work in the caller's transaction (the outbox): the job exists if and only if the decision commits. */
export async function enqueueProvisioningJob(trx: Transaction<Database>, requestId: string, action: JobAction): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await trx
    .insertInto('provisioning_job')
    .values({
      id,
      request_id: requestId,
      action,
      attempts: 0,
      next_run_at: now,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function hasJob(trx: Transaction<Database>, requestId: string, action: JobAction): Promise<boolean> {
  const row = await trx
    .selectFrom('provisioning_job')
    .select('id')
    .where('request_id', '=', requestId)
    .where('action', '=', action)
    .executeTakeFirst();
  return row !== undefined;
}

// Workers running in this process; a committed approval wakes them so the grant lands in well under a second.
// One per process: Next.js loads the instrumentation (workers) and the request handlers (actions) as separate
// module copies in one process, and both must see the same set.
const running = processSingleton('provisioningLoops', () => new Set<PollLoop>());

export function registerWorker(loop: PollLoop): () => void {
  running.add(loop);
  return () => running.delete(loop);
}

/** Call after committing new jobs. Other replicas pick them up at their next poll. */
export function wakeProvisioningWorkers(): void {
  for (const loop of running) loop.wake();
}
