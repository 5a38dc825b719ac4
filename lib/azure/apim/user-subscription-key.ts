import 'server-only';
import { withPermission } from '@/lib/azure/permission-denied';
import { apimClient, apimService } from './client';
import { findApimUserId, forgetApimUser, type ApimUserKey } from './find-apim-user';

export interface UserSubscriptionKey {
  subscriptionId: string;
  displayName: string;
  /** The header the API reads the key from (APIM's default is Ocp-Apim-Subscription-Key). */
  headerName: string;
  key: string;
}

const DEFAULT_KEY_HEADER = 'Ocp-Apim-Subscription-Key';

/** Whether a subscription's scope (full ARM id or service-relative) covers the API directly, all APIs, or one of its products. */
function covers(scope: string, apiId: string, productIds: string[]): boolean {
  const relative = scope.replace(/^.*\/providers\/Microsoft\.ApiManagement\/service\/[^/]+/i, '').toLowerCase();
  if (relative === '/apis' || relative === `/apis/${apiId.toLowerCase()}`) return true;
  return productIds.some((p) => relative === `/products/${p.toLowerCase()}`);
}

/**
 * The signed-in user's own key for an API, when they have an active subscription covering it.
 * Null when they have no APIM account or no such subscription: the console then calls without a key and shows the gateway's answer.
 */
export async function findUserSubscriptionKey(user: ApimUserKey, apiId: string, productIds: string[]): Promise<UserSubscriptionKey | null> {
  const userId = await findApimUserId(user);
  if (!userId) return null;
  try {
    return await firstCoveringKey(userId, apiId, productIds);
  } catch (error) {
    // The cached APIM user was deleted since: look it up afresh once.
    if (!forgetApimUser(user.oid, error)) throw error;
    const again = await findApimUserId(user);
    return again ? firstCoveringKey(again, apiId, productIds) : null;
  }
}

async function firstCoveringKey(userId: string, apiId: string, productIds: string[]): Promise<UserSubscriptionKey | null> {
  const { resourceGroup, serviceName } = apimService();
  const client = apimClient();
  for await (const subscription of client.userSubscription.list(resourceGroup, serviceName, userId)) {
    if (subscription.state !== 'active' || !subscription.name || !covers(subscription.scope ?? '', apiId, productIds)) continue;
    const [secrets, api] = await Promise.all([
      withPermission('arm.listSecrets', () => client.subscription.listSecrets(resourceGroup, serviceName, subscription.name!)),
      client.api.get(resourceGroup, serviceName, apiId),
    ]);
    const key = secrets.primaryKey ?? secrets.secondaryKey;
    if (!key) continue;
    return {
      subscriptionId: subscription.name,
      displayName: subscription.displayName ?? subscription.name,
      headerName: api.subscriptionKeyParameterNames?.header ?? DEFAULT_KEY_HEADER,
      key,
    };
  }
  return null;
}
