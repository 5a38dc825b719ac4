import 'server-only';
import type { TenantState } from './read-tenant';

/** Ids learnt while applying: a created app's object id and client id, its service principal's id. */
export interface AppliedIds {
  appObjectId?: string;
  appId?: string;
  servicePrincipalId?: string;
  /** The client secret this run created, if any: the only secret set-up ever shows. */
  secret?: string;
  /** Event Grid's service principal, when this run created it. */
  eventGridSpId?: string;
}

export function idsOf(state: TenantState): AppliedIds {
  return { appObjectId: state.app?.id, appId: state.app?.appId, servicePrincipalId: state.sp?.id };
}
