import 'server-only';
import {
  findApplicationByAudience,
  getServicePrincipalByAppId,
  listApplicationOwners,
  listAssignedTo,
} from '@/lib/azure/graph/applications';
import type { EntraApplication } from '@/lib/azure/graph/types';
import type { AzureCallGate } from '@/lib/azure/throttle-retry';
import type { IndexedApp } from './catalog-types';

/** App registrations already in the index, each with when it was read from Graph. */
export interface KnownApps {
  apps: (IndexedApp & { syncedAt: string })[];
  /** A known app read longer ago than this is read again. */
  maxAgeMs: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audience matches as Graph's lookup does: a GUID is a client id, anything else one of the identifier URIs. */
const names = (app: IndexedApp, audience: string) =>
  GUID.test(audience) ? app.appId.toLowerCase() === audience.toLowerCase() : app.identifierUris.includes(audience);

/** Graph lookups shared by every API of one sync run: many APIs point at the same app registration. */
export class AppResolver {
  private readonly byAudience = new Map<string, Promise<EntraApplication | null>>();
  private readonly apps = new Map<string, Promise<IndexedApp>>();
  /** Calls answered from the index instead of Graph. */
  reused = 0;

  constructor(
    private readonly gate: AzureCallGate,
    private readonly known?: KnownApps,
  ) {}

  /**
   * The app registration behind the first audience that names one (an admin override wins), and whether it was read
   * from Graph now (`fresh`) or taken from the index, where a sync read it less than `known.maxAgeMs` ago.
   */
  async resolve(audiences: string[], overrideAppId: string | null): Promise<IndexedApp | null> {
    return (await this.resolveWithSource(audiences, overrideAppId))?.app ?? null;
  }

  async resolveWithSource(audiences: string[], overrideAppId: string | null): Promise<{ app: IndexedApp; fresh: boolean } | null> {
    const candidates = overrideAppId ? [overrideAppId] : audiences;
    for (const audience of candidates) {
      const cached = this.recent(audience);
      if (cached) {
        this.reused++;
        return { app: cached, fresh: false };
      }
      const application = await this.applicationFor(audience);
      if (application) return { app: await this.load(application), fresh: true };
    }
    return null;
  }

  private recent(audience: string): IndexedApp | null {
    if (!this.known) return null;
    const oldest = Date.now() - this.known.maxAgeMs;
    const found = this.known.apps.find((app) => names(app, audience));
    if (!found || Date.parse(found.syncedAt) < oldest) return null;
    const { syncedAt: _syncedAt, ...app } = found;
    return app;
  }

  private applicationFor(audience: string): Promise<EntraApplication | null> {
    let found = this.byAudience.get(audience);
    if (!found) {
      found = this.gate.run(() => findApplicationByAudience(audience));
      this.byAudience.set(audience, found);
    }
    return found;
  }

  private load(application: EntraApplication): Promise<IndexedApp> {
    let app = this.apps.get(application.appId);
    if (!app) {
      app = this.fetchApp(application);
      this.apps.set(application.appId, app);
    }
    return app;
  }

  private async fetchApp(application: EntraApplication): Promise<IndexedApp> {
    const sp = await this.gate.run(() => getServicePrincipalByAppId(application.appId));
    const [owners, assignedTo] = await Promise.all([
      this.gate.run(() => listApplicationOwners(application.objectId)),
      sp ? this.gate.run(() => listAssignedTo(sp.id)) : Promise.resolve([]),
    ]);
    return {
      appId: application.appId,
      objectId: application.objectId,
      servicePrincipalId: sp?.id ?? null,
      displayName: application.displayName,
      identifierUris: application.identifierUris,
      tokenVersion: application.tokenVersion,
      appRoles: application.appRoles,
      owners: owners.map(({ id, displayName, userPrincipalName }) => ({ id, displayName, userPrincipalName })),
      groupHoldings: assignedTo
        .filter((a) => a.principalType === 'Group')
        .map((a) => ({ groupId: a.principalId, groupName: a.principalDisplayName, roleId: a.appRoleId })),
    };
  }
}
