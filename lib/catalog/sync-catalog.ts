import 'server-only';
import { permissionDeniedMessage } from '@/lib/azure/permission-denied';
import type { Kysely } from 'kysely';
import {
  getApi,
  getVersionSet,
  listApiProductIds,
  listApis,
  listNamedValues,
  listOperations,
  listOperationTags,
  listProductApiIds,
  listProducts,
  listVersionSets,
  readGatewayUrl,
} from '@/lib/azure/apim/read-catalog';
import { readApiPolicy, readGlobalPolicy, readOperationPolicy, readProductPolicy } from '@/lib/azure/apim/read-policies';
import { listPolicyFragments } from '@/lib/azure/apim/read-policy-fragments';
import { listApiSchemas } from '@/lib/azure/apim/read-api-schemas';
import { fillSchemaExamples, needsSchemaExamples } from './fill-schema-examples';
import type { ApimApi, ApimProduct, ApimVersionSet } from '@/lib/azure/apim/types';
import { AzureCallGate } from '@/lib/azure/throttle-retry';
import type { Database } from '@/lib/db/types';
import { apiBaseUrl, versionInfo } from './api-version';
import { buildApiIndex } from './build-api-index';
import { readServiceSnapshot, writeServiceSnapshot, type ServiceSnapshot } from './catalog-settings';
import { toApp } from './read-index';
import { AppResolver, type KnownApps } from './resolve-api-app';
import { acquireSyncLease, heartbeatEvery, heartbeatSyncLease, releaseSyncLease } from './sync-lease';
import { getConfig } from '@/lib/env';
import { readSubscriptionIndex, writeSubscriptionIndex } from './subscription-index';
import { markApiSyncError, removeApi, removeApisNotIn, writeApiIndex, writeApp, writeProducts, type ProductData } from './write-index';

const ARM_CONCURRENCY = 8;
const GRAPH_CONCURRENCY = 8;

export interface SyncReport {
  scope: string;
  status: 'succeeded' | 'failed' | 'skipped';
  apis: number;
  failedApis: { id: string; error: string }[];
  armCalls: number;
  graphCalls: number;
  /** Of armCalls: the product reads (list, each product's APIs and policy) and the subscription reads (subscriptions, users). */
  productCalls: number;
  subscriptionCalls: number;
  durationMs: number;
  error?: string;
  /** A one-API refresh found the API gone from APIM and took it out of the index. */
  removed?: boolean;
}

interface SyncContext {
  db: Kysely<Database>;
  arm: AzureCallGate;
  graph: AzureCallGate;
  apps: AppResolver;
  service: ServiceSnapshot;
  products: { product: ApimProduct; data: ProductData }[];
  overrides: Map<string, string>;
  /** Version sets by lower-cased name. */
  versionSets: Map<string, ApimVersionSet>;
}

/** The reason shown for a failed sync; a permission refusal names the permission Roleport lacks. */
const message = (error: unknown) =>
  permissionDeniedMessage(error, (error as { code?: string }).code === 'AuthorizationFailed' ? 'arm.read' : 'graph.readApplications') ??
  (error instanceof Error ? error.message : String(error));

async function indexApi(ctx: SyncContext, api: ApimApi): Promise<void> {
  const { arm } = ctx;
  const [listed, tags] = await Promise.all([arm.run(() => listOperations(api.id)), arm.run(() => listOperationTags(api.id))]);
  // Bodies described only by a schema type get one made from it; the schemas are read only for such an API.
  const operations = needsSchemaExamples(listed) ? fillSchemaExamples(listed, await arm.run(() => listApiSchemas(api.id))) : listed;
  const [apiPolicy, operationPolicies] = await Promise.all([
    arm.run(() => readApiPolicy(api.id)),
    Promise.all(operations.map(async (op) => [op.id, (await arm.run(() => readOperationPolicy(api.id, op.id)))?.xml ?? null] as const)),
  ]);
  const memberOf = ctx.products.filter((p) => p.data.apiIds.includes(api.id));
  // A call needing a subscription runs its product's policy; one without a subscription runs none.
  const viaProduct = api.subscriptionRequired ? memberOf.find((p) => p.product.subscriptionRequired) : undefined;
  const built = buildApiIndex(
    api,
    operations,
    {
      global: ctx.service.globalPolicy,
      product: viaProduct ? { id: viaProduct.product.id, xml: viaProduct.data.policy } : null,
      api: apiPolicy?.xml ?? null,
      operations: Object.fromEntries(operationPolicies),
    },
    ctx.service.namedValues,
    tags,
    ctx.service.fragments ?? {},
  );
  const override = ctx.overrides.get(api.id) ?? null;
  const resolved = await ctx.apps.resolveWithSource(built.access.audiences, override);
  const app = resolved?.app ?? null;
  if (resolved?.fresh) await writeApp(ctx.db, resolved.app);
  const version = versionInfo(api, api.versionSetId ? ctx.versionSets.get(api.versionSetId.toLowerCase()) : undefined);
  await writeApiIndex(ctx.db, {
    api,
    version,
    gatewayBaseUrl: apiBaseUrl(ctx.service.gatewayUrl, api.path, version),
    products: memberOf.map((p) => ({ id: p.product.id, displayName: p.product.displayName })),
    app: app ? { appId: app.appId, source: override ? 'override' : 'policy' } : null,
    built,
  });
}

async function readOverrides(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('api_app_override').select(['api_id', 'app_id']).execute();
  return new Map(rows.map((r) => [r.api_id, r.app_id]));
}

async function withLease(db: Kysely<Database>, scope: string, work: (report: SyncReport) => Promise<void>): Promise<SyncReport> {
  const started = Date.now();
  const report: SyncReport = {
    scope,
    status: 'skipped',
    apis: 0,
    failedApis: [],
    armCalls: 0,
    graphCalls: 0,
    productCalls: 0,
    subscriptionCalls: 0,
    durationMs: 0,
  };
  // CATALOG_SYNC_LEASE_STALE_SECONDS: how long a killed replica's sync holds its scope before another replica takes it over.
  const staleAfterMs = getConfig().catalogSyncLeaseStaleSeconds * 1000;
  const lease = await acquireSyncLease(db, scope, { staleAfterMs });
  if (!lease) {
    console.log(`[catalog] sync of ${scope} skipped: another sync holds its lease`);
    return report;
  }
  const heartbeat = setInterval(() => {
    heartbeatSyncLease(db, lease).then(
      (held) => held || console.warn(`[catalog] sync of ${scope} lost its lease to another replica; it will not record its outcome`),
      (error: unknown) => console.warn(`[catalog] sync of ${scope} could not renew its lease`, error),
    );
  }, heartbeatEvery(staleAfterMs));
  heartbeat.unref();
  try {
    await work(report);
    report.status = 'succeeded';
  } catch (error) {
    report.status = 'failed';
    report.error = message(error);
    console.error(`[catalog] sync of ${scope} failed`, error);
  } finally {
    clearInterval(heartbeat);
    report.durationMs = Date.now() - started;
    await releaseSyncLease(db, lease, { error: report.error ?? null, calls: report.armCalls + report.graphCalls });
  }
  return report;
}

function newGates(known?: KnownApps) {
  const arm = new AzureCallGate(ARM_CONCURRENCY);
  const graph = new AzureCallGate(GRAPH_CONCURRENCY);
  return { arm, graph, apps: new AppResolver(graph, known) };
}

async function knownApps(db: Kysely<Database>, maxAgeMs: number): Promise<KnownApps | undefined> {
  if (maxAgeMs <= 0) return undefined;
  const rows = await db.selectFrom('catalog_app').selectAll().execute();
  return { apps: rows.map((row) => ({ ...toApp(row), syncedAt: row.synced_at })), maxAgeMs };
}

export interface OneApiOptions {
  /**
   * Reuse an app registration the index read from Graph less than this long ago instead of reading it again (0: always
   * read). Entra publishes no event for app registrations, so the scheduled full sync, which reads every one, bounds how
   * stale a reused one can be when this is the sync interval.
   */
  reuseAppsReadWithinMs?: number;
}

/** Reads the whole APIM service and the mapped app registrations into the index; pages keep reading the old one meanwhile. */
export async function syncCatalog(db: Kysely<Database>): Promise<SyncReport> {
  return withLease(db, 'all', async (report) => {
    const { arm, graph, apps } = newGates();
    try {
      const counted = <T>(bucket: 'productCalls' | 'subscriptionCalls', read: () => Promise<T>) => {
        report[bucket]++;
        return arm.run(read);
      };
      const subscriptionIndex = readSubscriptionIndex((read) => counted('subscriptionCalls', read));
      // Read alongside the rest and awaited at the end: when an earlier read fails first, its own failure must not go unhandled.
      subscriptionIndex.catch(() => undefined);
      const [gatewayUrl, productList, apis, namedValues, globalPolicy, versionSets, fragments] = await Promise.all([
        arm.run(readGatewayUrl),
        counted('productCalls', listProducts),
        arm.run(listApis),
        arm.run(listNamedValues),
        arm.run(readGlobalPolicy),
        arm.run(listVersionSets),
        arm.run(listPolicyFragments),
      ]);
      const products = await Promise.all(
        productList.map(async (product) => {
          const [apiIds, policy] = await Promise.all([
            counted('productCalls', () => listProductApiIds(product.id)),
            counted('productCalls', () => readProductPolicy(product.id)),
          ]);
          return { product, data: { apiIds, policy: policy?.xml ?? null } };
        }),
      );
      const service = { gatewayUrl, globalPolicy: globalPolicy?.xml ?? null, namedValues, fragments };
      await writeServiceSnapshot(db, service);
      await writeProducts(db, products);
      const ctx: SyncContext = { db, arm, graph, apps, service, products, overrides: await readOverrides(db), versionSets };
      await Promise.all(
        apis.map((api) =>
          indexApi(ctx, api).catch(async (error: unknown) => {
            report.failedApis.push({ id: api.id, error: message(error) });
            await markApiSyncError(db, api.id, message(error));
          }),
        ),
      );
      await removeApisNotIn(
        db,
        apis.map((api) => api.id),
      );
      report.apis = apis.length;
      await writeSubscriptionIndex(db, await subscriptionIndex);
    } finally {
      report.armCalls = arm.stats.calls;
      report.graphCalls = graph.stats.calls;
    }
  });
}

/** Refreshes one API (its operations, policies and app registration), reusing the service-wide snapshot. */
export async function syncOneApi(db: Kysely<Database>, apiId: string, options: OneApiOptions = {}): Promise<SyncReport> {
  const service = await readServiceSnapshot(db);
  if (!service) return syncCatalog(db);
  return withLease(db, `api:${apiId}`, async (report) => {
    const { arm, graph, apps } = newGates(await knownApps(db, options.reuseAppsReadWithinMs ?? 0));
    try {
      let api: ApimApi;
      let productIds: string[];
      try {
        [api, productIds] = await Promise.all([arm.run(() => getApi(apiId)), arm.run(() => listApiProductIds(apiId))]);
      } catch (error) {
        // Deleted in APIM (an APIDeleted event, or an admin refreshing a page that is gone): it leaves the index.
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        await removeApi(db, apiId);
        report.removed = true;
        return;
      }
      const rows = await db.selectFrom('catalog_product').selectAll().execute();
      const products = rows.map((row) => {
        const data = JSON.parse(row.data) as ProductData;
        const apiIds = productIds.includes(row.id) ? [...new Set([...data.apiIds, apiId])] : data.apiIds.filter((id) => id !== apiId);
        return {
          product: {
            id: row.id,
            displayName: row.display_name,
            description: row.description ?? '',
            subscriptionRequired: row.subscription_required === 1,
            approvalRequired: row.approval_required === 1,
            state: row.state === 'published' ? ('published' as const) : ('notPublished' as const),
            terms: row.terms ?? '',
            subscriptionsLimit: row.subscriptions_limit,
          },
          data: { ...data, apiIds },
        };
      });
      const set = api.versionSetId ? await arm.run(() => getVersionSet(api.versionSetId as string)) : null;
      const versionSets = new Map(set ? [[set.id.toLowerCase(), set]] : []);
      await indexApi({ db, arm, graph, apps, service, products, overrides: await readOverrides(db), versionSets }, api);
      report.apis = 1;
    } finally {
      report.armCalls = arm.stats.calls;
      report.graphCalls = graph.stats.calls;
    }
  });
}
