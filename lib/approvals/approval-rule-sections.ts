import 'server-only';
import type { Kysely } from 'kysely';
import { listIndexedApis, listIndexedApps } from '@/lib/catalog/read-index';
import type { IndexedApi } from '@/lib/catalog/catalog-types';
import type { Database } from '@/lib/db/types';
import { listApprovalRules, type ApprovalRule } from './approval-rules';

export interface RuleSection {
  api: IndexedApi;
  /** Roles a person can be given, by value. */
  roles: string[];
  /** Groups that hold a role of the app in Entra (a grant through a group needs one). */
  groups: { groupId: string; groupName: string; roleValue: string }[];
  rules: ApprovalRule[];
  /** Other APIs mapped to the same app registration: a request through any of them meets the strictest of their rules. */
  sharesAppWith: { id: string; displayName: string }[];
}

/** What the approval rules page shows: one section per API linked to an app registration. */
export async function listRuleSections(db: Kysely<Database>): Promise<RuleSection[]> {
  const [apis, apps, rules] = await Promise.all([listIndexedApis(db), listIndexedApps(db), listApprovalRules(db)]);
  const appById = new Map(apps.map((app) => [app.appId, app]));
  return apis.flatMap((api) => {
    const app = api.appId ? appById.get(api.appId) : undefined;
    if (!app) return [];
    const roleValue = (roleId: string) => app.appRoles.find((r) => r.id === roleId)?.value ?? '';
    return [
      {
        api,
        roles: app.appRoles.filter((r) => r.isEnabled && r.allowedMemberTypes.includes('User')).map((r) => r.value),
        groups: app.groupHoldings.map((g) => ({ groupId: g.groupId, groupName: g.groupName, roleValue: roleValue(g.roleId) })),
        rules: rules.filter((r) => r.apiId === api.id),
        sharesAppWith: apis.filter((a) => a.appId === app.appId && a.id !== api.id).map((a) => ({ id: a.id, displayName: a.displayName })),
      },
    ];
  });
}
