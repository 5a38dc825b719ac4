import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { apimClient, apimService } from './client';
import { reshapeSubscription, reshapeUser } from './read-subscriptions';
import type { ApimSubscription, ApimSubscriptionState, ApimUser } from './types';

const isNotFound = (error: unknown) => (error as { statusCode?: number } | null)?.statusCode === 404;
/** An OData string literal: quotes doubled, as APIM's `$filter` reads them. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The APIM user linked to an Entra user as the developer portal links them: its `aad` identity is the object id. APIM filters
 * users on `email` only (not on `identities`), so the sign-in name narrows the list and the identity decides.
 */
export async function findLinkedApimUser(oid: string, email: string): Promise<ApimUser | null> {
  if (!email) return null;
  const { resourceGroup, serviceName } = apimService();
  const wanted = oid.toLowerCase();
  for await (const u of apimClient().user.listByService(resourceGroup, serviceName, { filter: `email eq ${literal(email)}` })) {
    const user = reshapeUser(u);
    if (user.aadObjectId === wanted) return user;
  }
  return null;
}

/**
 * Creates the developer's APIM user linked to their Entra identity. The user id is the object id, so two workers creating
 * it at once write the same user (PUT answers 200 to the second) instead of two.
 */
export async function createLinkedApimUser(input: { oid: string; email: string; name: string }): Promise<ApimUser> {
  const { resourceGroup, serviceName } = apimService();
  const [firstName = input.email, ...rest] = input.name.trim().split(/\s+/);
  const created = await withPermission('arm.writeSubscriptions', () =>
    apimClient().user.createOrUpdate(
      resourceGroup,
      serviceName,
      input.oid.toLowerCase(),
      {
        email: input.email,
        firstName: firstName.slice(0, 100),
        lastName: (rest.join(' ') || '-').slice(0, 100),
        identities: [{ provider: 'aad', id: input.oid.toLowerCase() }],
      },
      { notify: false },
    ),
  );
  return reshapeUser(created);
}

export async function getProductSubscription(subscriptionId: string): Promise<ApimSubscription | null> {
  const { resourceGroup, serviceName } = apimService();
  try {
    return reshapeSubscription(await apimClient().subscription.get(resourceGroup, serviceName, subscriptionId));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function listUserSubscriptions(userId: string): Promise<ApimSubscription[]> {
  const { resourceGroup, serviceName } = apimService();
  const items: ApimSubscription[] = [];
  for await (const s of apimClient().userSubscription.list(resourceGroup, serviceName, userId)) items.push(reshapeSubscription(s));
  return items;
}

/** PUT with the id Roleport chose: a retry of the same request writes the same subscription, never a second one. */
export async function createProductSubscription(input: {
  subscriptionId: string;
  userId: string;
  productId: string;
  displayName: string;
}): Promise<ApimSubscription> {
  const { resourceGroup, serviceName } = apimService();
  const created = await withPermission('arm.writeSubscriptions', () =>
    apimClient().subscription.createOrUpdate(
      resourceGroup,
      serviceName,
      input.subscriptionId,
      {
        ownerId: `/users/${input.userId}`,
        scope: `/products/${input.productId}`,
        displayName: input.displayName,
        // Roleport has approved it already (or the product needs no approval): it starts active.
        state: 'active',
      },
      { notify: false },
    ),
  );
  return reshapeSubscription(created);
}

export async function setSubscriptionState(subscriptionId: string, state: ApimSubscriptionState): Promise<ApimSubscription> {
  const { resourceGroup, serviceName } = apimService();
  const updated = await withPermission('arm.writeSubscriptions', () =>
    apimClient().subscription.update(resourceGroup, serviceName, subscriptionId, '*', { state }, { notify: false }),
  );
  return reshapeSubscription(updated);
}

export async function readSubscriptionKeys(subscriptionId: string): Promise<{ primaryKey: string; secondaryKey: string }> {
  const { resourceGroup, serviceName } = apimService();
  const keys = await withPermission('arm.listSecrets', () =>
    apimClient().subscription.listSecrets(resourceGroup, serviceName, subscriptionId),
  );
  return { primaryKey: keys.primaryKey ?? '', secondaryKey: keys.secondaryKey ?? '' };
}

export async function regenerateSubscriptionKey(subscriptionId: string, which: 'primary' | 'secondary'): Promise<void> {
  const { resourceGroup, serviceName } = apimService();
  const client = apimClient();
  await withPermission('arm.writeSubscriptions', () =>
    which === 'primary'
      ? client.subscription.regeneratePrimaryKey(resourceGroup, serviceName, subscriptionId)
      : client.subscription.regenerateSecondaryKey(resourceGroup, serviceName, subscriptionId),
  );
}
