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

/** Graph lookups shared by every API of one sync run: many APIs point at the same app registration. */
export class AppResolver {
  private readonly byAudience = new Map<string, Promise<EntraApplication | null>>();
  private readonly apps = new Map<string, Promise<IndexedApp>>();

  constructor(private readonly gate: AzureCallGate) {}

  /** The app registration behind the first audience that names one (an admin override wins). */
  async resolve(audiences: string[], overrideAppId: string | null): Promise<IndexedApp | null> {
    const candidates = overrideAppId ? [overrideAppId] : audiences;
    for (const audience of candidates) {
      const application = await this.applicationFor(audience);
      if (application) return this.load(application);
    }
    return null;
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
