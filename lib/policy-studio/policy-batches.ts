import 'server-only';
import type { Kysely } from 'kysely';
import { nowIso } from '@/lib/db/clock';
import type { DbTransaction } from '@/lib/db/transaction';
import type { Database, PolicyVersionRow } from '@/lib/db/types';
import type { ScopePolicy } from './build-plan';
import type { StudioScope } from './studio-types';

/** Audit subject of one apply or rollback: the batch of policy versions saved before it wrote. */
export const BATCH_SUBJECT = 'policy_batch';

export interface PolicyBatchView {
  batchId: string;
  appliedBy: string;
  appliedAt: string;
  scopes: StudioScope[];
  /** 'apply' for a role-map apply, 'rollback' for the versions saved by a rollback (rolling those back redoes it). */
  kind: 'apply' | 'rollback';
  rolledBack: boolean;
}

/** Saves what each scope held before a write; an empty `xml` records "no policy at this scope". */
export async function saveVersions(
  trx: DbTransaction,
  input: { apiId: string; batchId: string; appliedBy: string; versions: { scope: StudioScope; before: ScopePolicy | null }[] },
): Promise<void> {
  const now = nowIso();
  if (input.versions.length === 0) return;
  await trx
    .insertInto('policy_version')
    .values(
      input.versions.map((v) => ({
        id: crypto.randomUUID(),
        api_id: input.apiId,
        scope: v.scope,
        etag: v.before?.etag ?? null,
        xml: v.before?.xml ?? '',
        applied_by: input.appliedBy,
        applied_at: now,
        batch_id: input.batchId,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/** Drops the saved versions of scopes a failed apply never wrote, so the batch lists exactly what changed. */
export async function forgetUnwritten(trx: DbTransaction, batchId: string, written: readonly StudioScope[]): Promise<void> {
  let query = trx.deleteFrom('policy_version').where('batch_id', '=', batchId);
  if (written.length > 0) query = query.where('scope', 'not in', [...written]);
  await query.execute();
}

export async function batchVersions(db: Kysely<Database>, batchId: string): Promise<PolicyVersionRow[]> {
  return db.selectFrom('policy_version').selectAll().where('batch_id', '=', batchId).orderBy('scope').execute();
}

export async function listPolicyBatches(db: Kysely<Database>, apiId: string, limit = 20): Promise<PolicyBatchView[]> {
  const rows = await db
    .selectFrom('policy_version')
    .select(['batch_id', 'scope', 'applied_by', 'applied_at'])
    .where('api_id', '=', apiId)
    .where('batch_id', 'is not', null)
    .orderBy('applied_at', 'desc')
    .execute();
  const batches = new Map<string, PolicyBatchView>();
  for (const row of rows) {
    const id = row.batch_id as string;
    const batch = batches.get(id) ?? {
      batchId: id,
      appliedBy: row.applied_by,
      appliedAt: row.applied_at,
      scopes: [],
      kind: 'rollback',
      rolledBack: false,
    };
    batch.scopes.push(row.scope);
    batches.set(id, batch);
  }
  const listed = [...batches.values()].slice(0, limit);
  if (listed.length === 0) return [];
  const events = await db
    .selectFrom('audit_event')
    .select(['action', 'subject_id'])
    .where('subject_type', '=', BATCH_SUBJECT)
    .where(
      'subject_id',
      'in',
      listed.map((b) => b.batchId),
    )
    .execute();
  for (const batch of listed) {
    const mine = events.filter((e) => e.subject_id === batch.batchId);
    if (mine.some((e) => e.action === 'policy.applied')) batch.kind = 'apply';
    batch.rolledBack = mine.some((e) => e.action === 'policy.rolled_back');
  }
  return listed;
}
