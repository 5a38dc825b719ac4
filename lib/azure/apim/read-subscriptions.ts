import 'server-only';
import type { SubscriptionContract, UserContract } from '@azure/arm-apimanagement';
import { apimClient, apimService } from './client';
import type { ApimSubscription, ApimSubscriptionState, ApimUser } from './types';

/** ARM answers owner and scope as full resource ids; Roleport keeps them relative to the service, as APIM accepts them. */
export function serviceRelative(id: string): string {
  return id.replace(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+/i, '');
}

export function reshapeSubscription(s: SubscriptionContract): ApimSubscription {
  const scope = serviceRelative(s.scope ?? '');
  const owner = s.ownerId ? serviceRelative(s.ownerId) : '';
  return {
    id: s.name ?? '',
    scope,
    productId: /^\/products\//i.test(scope) ? scope.slice('/products/'.length) : null,
    userId: /^\/users\//i.test(owner) ? owner.slice('/users/'.length) : null,
    displayName: s.displayName ?? s.name ?? '',
    state: (s.state ?? 'submitted') as ApimSubscriptionState,
    createdDate: s.createdDate ? new Date(s.createdDate).toISOString() : null,
  };
}

export function reshapeUser(u: UserContract): ApimUser {
  const aad = u.identities?.find((i) => (i.provider ?? '').toLowerCase() === 'aad');
  return {
    id: u.name ?? '',
    email: u.email ?? '',
    state: (u.state ?? 'active') as ApimUser['state'],
    aadObjectId: aad?.id?.toLowerCase() ?? null,
  };
}

/** Every subscription of the service, every page. */
export async function listAllSubscriptions(): Promise<ApimSubscription[]> {
  const { resourceGroup, serviceName } = apimService();
  const items: ApimSubscription[] = [];
  for await (const s of apimClient().subscription.list(resourceGroup, serviceName)) items.push(reshapeSubscription(s));
  return items;
}

/** Every APIM user of the service, every page, with the Entra identity each is linked to. */
export async function listApimUsers(): Promise<ApimUser[]> {
  const { resourceGroup, serviceName } = apimService();
  const items: ApimUser[] = [];
  for await (const u of apimClient().user.listByService(resourceGroup, serviceName)) items.push(reshapeUser(u));
  return items;
}
