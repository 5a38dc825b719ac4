import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as catalog from './migrations/0001-catalog';
import * as access from './migrations/0002-access';
import * as audit from './migrations/0003-audit';
import * as catalogAppGroupHoldings from './migrations/0004-catalog-app-group-holdings';
import * as accessRequestRuleSnapshot from './migrations/0005-access-request-rule-snapshot';
import * as sessionRevocationAndReconciliation from './migrations/0006-session-revocation-and-reconciliation';
import * as auditCheckpointRateLimits from './migrations/0007-audit-checkpoint-rate-limits';
import * as catalogApiVersion from './migrations/0008-catalog-api-version';
import * as productsSubscriptions from './migrations/0009-products-subscriptions';
import * as accessRequestPrincipal from './migrations/0010-access-request-principal';
import * as notifications from './migrations/0011-notifications';
import * as catalogEvents from './migrations/0012-catalog-events';
import * as productRuleGroupName from './migrations/0013-product-rule-group-name';
import * as accessRequestRenewal from './migrations/0014-access-request-renewal';
import * as keysetPaginationIndexes from './migrations/0015-keyset-pagination-indexes';
import * as catalogApiUpdatedIndex from './migrations/0016-catalog-api-updated-index';
import * as accessRequestRequesterStatusIndex from './migrations/0017-access-request-requester-status-index';
import * as catalogApiAppIndex from './migrations/0018-catalog-api-app-index';

// A static list rather than a folder scan, so the migrations bundle into the Next.js server build.
// Names sort in the order they must run; never rename or edit one that has shipped — add a new one.
const migrations: Record<string, Migration> = {
  '0001-catalog': catalog,
  '0002-access': access,
  '0003-audit': audit,
  '0004-catalog-app-group-holdings': catalogAppGroupHoldings,
  '0005-access-request-rule-snapshot': accessRequestRuleSnapshot,
  '0006-session-revocation-and-reconciliation': sessionRevocationAndReconciliation,
  '0007-audit-checkpoint-rate-limits': auditCheckpointRateLimits,
  '0008-catalog-api-version': catalogApiVersion,
  '0009-products-subscriptions': productsSubscriptions,
  '0010-access-request-principal': accessRequestPrincipal,
  '0011-notifications': notifications,
  '0012-catalog-events': catalogEvents,
  '0013-product-rule-group-name': productRuleGroupName,
  '0014-access-request-renewal': accessRequestRenewal,
  '0015-keyset-pagination-indexes': keysetPaginationIndexes,
  '0016-catalog-api-updated-index': catalogApiUpdatedIndex,
  '0017-access-request-requester-status-index': accessRequestRequesterStatusIndex,
  '0018-catalog-api-app-index': catalogApiAppIndex,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    message: string,
    readonly failedMigration: string | undefined,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

export interface MigrationStatus {
  /** True when every known migration has been applied. */
  current: boolean;
  applied: string[];
  pending: string[];
}

function migratorFor<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider });
}

/**
 * Applies every pending migration. Safe to run repeatedly and from several processes at once:
 * PostgreSQL serialises migrators with an advisory lock, SQLite with an immediate transaction.
 * Returns the names applied by this call (empty when already current).
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<{ applied: string[] }> {
  const { error, results = [] } = await migratorFor(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(failed ? `migration ${failed} failed: ${reason}` : `cannot migrate: ${reason}`, failed, { cause: error });
  }
  return { applied: results.filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}

/** What the readiness probe reports: which migrations this build knows are applied and which are not. */
export async function migrationStatus<DB>(db: Kysely<DB>): Promise<MigrationStatus> {
  const infos = await migratorFor(db).getMigrations();
  const applied = infos.filter((info) => info.executedAt !== undefined).map((info) => info.name);
  const pending = infos.filter((info) => info.executedAt === undefined).map((info) => info.name);
  return { current: pending.length === 0, applied, pending };
}

/** Every migration name this build knows, in order. */
export function knownMigrations(): string[] {
  return Object.keys(migrations).sort();
}
