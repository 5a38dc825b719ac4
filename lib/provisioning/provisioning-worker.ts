import 'server-only';
import type { Kysely } from 'kysely';
import { isoAfter, nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import { withTransaction } from '@/lib/db/transaction';
import type { AccessRequestRow, Database, ProvisioningJobRow } from '@/lib/db/types';
import { describeGraphError } from '@/lib/azure/graph/graph-errors';
import { forgetHeldRoles } from '@/lib/directory/held-roles';
import { forgetApimUserOf } from '@/lib/azure/apim/find-apim-user';
import { recordProvisioningLatency } from '@/lib/observability/portal-metrics';
import { startPollLoop, type PollLoop } from '@/lib/server/jobs/poll-loop';
import { assertGroupGrantsOnlyRole } from './check-grant-group';
import { ClientPrincipalRefusal, checkClientForRequester } from '@/lib/directory/client-principals';
import { isRetryableProvisioningError, nextDelayMs } from './provisioning-errors';
import { cancelSubscription, grantSubscription } from './provisioning-apim';
import { grantInEntra, removeFromEntra } from './provisioning-graph';
import { registerWorker } from './provisioning-jobs';
import { completeAssign, completeRevoke, dropJob, failAssign, markProvisioning } from './provisioning-outcome';

export interface ProvisioningWorkerOptions {
  /** Names this worker in job locks (e.g. host name + pid). */
  workerId: string;
  pollMs?: number;
  /** Attempts before an assignment is given up as failed (revocations keep retrying). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed job stays locked to this worker; a crashed worker's jobs are picked up after it. */
  lockMs?: number;
  batchSize?: number;
  /** Jobs of different requests run side by side, up to this many; one request's jobs stay in order. */
  concurrency?: number;
  /** True once the server is stopping: no more claims, and claimed jobs not yet started are left for release. */
  stopping?: () => boolean;
}

type Settings = Required<Omit<ProvisioningWorkerOptions, 'stopping'>> & Pick<ProvisioningWorkerOptions, 'stopping'>;
const defaults = { pollMs: 2000, maxAttempts: 6, baseDelayMs: 2000, maxDelayMs: 300_000, lockMs: 120_000, batchSize: 10, concurrency: 8 };

/** Locks due jobs for this worker. PostgreSQL: SKIP LOCKED so replicas claim disjoint jobs; SQLite: the write lock serialises. */
async function claimDueJobs(db: Kysely<Database>, s: Settings): Promise<ProvisioningJobRow[]> {
  return withTransaction(db, async (trx) => {
    const now = nowIso();
    let query = trx
      .selectFrom('provisioning_job')
      .selectAll()
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_run_at')
      .limit(s.batchSize);
    if (dialectOf(trx) === 'postgres') query = query.forUpdate().skipLocked();
    const jobs = await query.execute();
    if (jobs.length === 0) return [];
    await trx
      .updateTable('provisioning_job')
      .set({ locked_by: s.workerId, locked_until: isoAfter(s.lockMs), updated_at: now })
      .where(
        'id',
        'in',
        jobs.map((j) => j.id),
      )
      .execute();
    return jobs.map((j) => ({ ...j, locked_by: s.workerId }));
  });
}

async function runJob(db: Kysely<Database>, job: ProvisioningJobRow, s: Settings): Promise<void> {
  const found = await loadRequest(db, job.request_id);
  const wanted = job.action === 'assign' ? ['approved', 'provisioning'] : ['active'];
  if (!found || !wanted.includes(found.status)) return dropJob(db, job, s.workerId);
  let request: AccessRequestRow = found;
  try {
    if (job.action === 'assign') {
      if (request.status === 'approved') {
        // Another worker holding an expired lock may have moved it first; carry on from what it wrote.
        const moved = (await markProvisioning(db, request)) ?? (await loadRequest(db, job.request_id));
        if (moved?.status !== 'provisioning') return dropJob(db, job, s.workerId);
        request = moved;
      }
      // Ownership may have changed since the request was submitted: the requester must still own the workload.
      if (request.principal_type === 'service-principal') await assertClientStillEligible(request);
      const result = await grant(request);
      // null: the request moved on meanwhile (another worker finished it); the job has nothing left to do.
      if ((await completeAssign(db, job, s.workerId, request, result)) === null) await dropJob(db, job, s.workerId);
    } else {
      const result = request.kind === 'subscription' ? await cancelSubscription(request) : await removeFromEntra(request);
      if ((await completeRevoke(db, job, s.workerId, request, result)) === null) await dropJob(db, job, s.workerId);
    }
    if (request.kind === 'subscription') forgetApimUserOf(request.requester_oid);
    else forgetHeldRoles(request.requester_oid);
    recordProvisioningLatency(Date.now() - Date.parse(job.created_at), { action: job.action, outcome: 'done' });
  } catch (error) {
    await recordFailure(db, job, s, error, request);
  }
}

async function recordFailure(
  db: Kysely<Database>,
  job: ProvisioningJobRow,
  s: Settings,
  error: unknown,
  request: AccessRequestRow,
): Promise<void> {
  const attempts = Number(job.attempts) + 1;
  const reason = describeGraphError(error);
  const giveUp =
    job.action === 'assign' && request.status === 'provisioning' && (!isRetryableProvisioningError(error) || attempts >= s.maxAttempts);
  console.warn(`provisioning job ${job.id} (${job.action}) attempt ${attempts} failed: ${reason}`);
  if (giveUp) {
    const latest = await loadRequest(db, job.request_id);
    if (latest?.status === 'provisioning') {
      await failAssign(db, job, s.workerId, latest, `Provisioning failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`);
      return;
    }
  }
  await db
    .updateTable('provisioning_job')
    .set({
      attempts,
      last_error: reason,
      next_run_at: isoAfter(nextDelayMs(attempts, error, s.baseDelayMs, s.maxDelayMs)),
      locked_by: null,
      locked_until: null,
      updated_at: nowIso(),
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', s.workerId)
    .execute();
}

/** The request's kind decides where the grant is made: an app role in Entra, or a product subscription in APIM. */
async function grant(request: AccessRequestRow): Promise<{ assignmentId: string | null; adopted: boolean }> {
  if (request.kind === 'subscription') return grantSubscription(request);
  if (request.grant_kind === 'group') await assertGrantGroup(request);
  return grantInEntra(request);
}

/** The group may have gained other roles since the rule was saved: checked again before every membership is added. */
function assertGrantGroup(request: AccessRequestRow): Promise<void> {
  if (!request.group_id) throw new Error('group grant without a group id');
  return assertGroupGrantsOnlyRole({
    groupId: request.group_id,
    resourceSpId: request.resource_sp_id,
    roleId: request.role_id,
    roleValue: request.role_value,
  });
}

async function assertClientStillEligible(request: AccessRequestRow): Promise<void> {
  if (!request.principal_id) throw new Error('service principal grant without a principal id');
  try {
    await checkClientForRequester(request.principal_id, request.requester_oid, request.requester_name);
  } catch (error) {
    if (!(error instanceof ClientPrincipalRefusal)) throw error;
    throw new ClientPrincipalRefusal(`Checked again before the grant: ${error.message}`);
  }
}

function loadRequest(db: Kysely<Database>, id: string) {
  return db.selectFrom('access_request').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs grouped per request, in claim order: one request's jobs run one after another. */
function jobsByRequest(jobs: ProvisioningJobRow[]): ProvisioningJobRow[][] {
  const groups = new Map<string, ProvisioningJobRow[]>();
  for (const job of jobs) groups.set(job.request_id, [...(groups.get(job.request_id) ?? []), job]);
  return [...groups.values()];
}

async function runConcurrently<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** One pass: claims and runs due jobs until none are left. Returns how many ran. */
export async function runDueProvisioningJobs(db: Kysely<Database>, options: ProvisioningWorkerOptions): Promise<number> {
  const s: Settings = { ...defaults, ...options };
  let total = 0;
  for (;;) {
    if (s.stopping?.()) return total;
    const jobs = await claimDueJobs(db, s);
    await runConcurrently(jobsByRequest(jobs), s.concurrency, async (group) => {
      for (const job of group) if (!s.stopping?.()) await runJob(db, job, s);
    });
    total += jobs.length;
    if (jobs.length < s.batchSize) return total;
  }
}

/** Starts the in-process provisioning worker; approvals in this process wake it at once. */
export function startProvisioningWorker(db: Kysely<Database>, options: ProvisioningWorkerOptions): PollLoop {
  let stopping = false;
  const loop = startPollLoop(`provisioning worker ${options.workerId}`, options.pollMs ?? defaults.pollMs, () =>
    runDueProvisioningJobs(db, { stopping: () => stopping, ...options }),
  );
  const unregister = registerWorker(loop);
  return {
    wake: loop.wake,
    stop: async () => {
      stopping = true;
      unregister();
      await loop.stop();
    },
  };
}
