import type { HeldRole } from './held-roles';
import type { IndexedApi, IndexedApp, IndexedAppRole } from '@/lib/catalog/catalog-types';

export interface RoleStatus {
  role: IndexedAppRole;
  held: HeldRole[];
  /** Users can hold it (allowedMemberTypes includes User) and it is enabled. */
  requestable: boolean;
}

export interface ApiAccessView {
  state: 'no-token-check' | 'no-app' | 'held' | 'none-held';
  heldValues: string[];
  roles: RoleStatus[];
  requestableCount: number;
}

const userAssignable = (role: IndexedAppRole) => role.isEnabled && role.allowedMemberTypes.includes('User');

/** What the signed-in user holds and may request on one API. Pure, so the catalog and API pages agree. */
export function accessView(api: IndexedApi, app: IndexedApp | undefined, held: HeldRole[]): ApiAccessView {
  if (!app) {
    return { state: api.access.tokenValidation === 'none' ? 'no-token-check' : 'no-app', heldValues: [], roles: [], requestableCount: 0 };
  }
  const mine = held.filter((h) => h.appId === app.appId);
  const roles = app.appRoles
    .filter((role) => role.isEnabled)
    .map((role) => {
      const holding = mine.filter((h) => h.roleId === role.id);
      return { role, held: holding, requestable: holding.length === 0 && userAssignable(role) };
    });
  const heldValues = [...new Set(mine.map((h) => h.value))].sort();
  return {
    state: heldValues.length > 0 ? 'held' : 'none-held',
    heldValues,
    roles,
    requestableCount: roles.filter((r) => r.requestable).length,
  };
}
