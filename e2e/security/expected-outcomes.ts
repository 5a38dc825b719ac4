// The one table of who may call what. Every page, route handler method and server action in the tree must have a row;
// `npm run test:security` fails on a row that is missing, stale, or answered differently than written here.
import { CLIENT_APPS } from '../../emulator/seed/demo-tenant';
import type { Role } from './role-sessions';

/**
 * allowed: served (2xx, or an action that ran and returned ok). signin: sent to /signin. forbidden: /forbidden or 403.
 * notfound: 404. unauthenticated: 401. badrequest: 400. `redirect: /path`: sent elsewhere. `refused: text`: the action answered { ok: false } with a message containing text
 * (how a caller who passed authorization is told the probe's made-up ids do not exist).
 */
export type Expected =
  'allowed' | 'signin' | 'forbidden' | 'notfound' | 'unauthenticated' | 'badrequest' | `redirect: ${string}` | `refused: ${string}`;

/** Values the probes refer to, created before the matrix runs. */
export interface Fixtures {
  /** A pending request of the developer (Ada) for a Payments role (Payments.Read unless an earlier spec left it held). */
  developerRequestId: string;
}

export interface Row {
  /** The probe's arguments (actions) or body (route handlers); path parameters come from `pathParams`. */
  args?: (fx: Fixtures) => unknown[];
  expect: Record<Role, Expected>;
}

const NO_SUCH_ID = '00000000-0000-4000-8000-00000000dead';
const NOT_YOURS = 'There is no such request, or it is not yours to see.';
const NO_SUBSCRIPTION = 'There is no such subscription, or it is not yours.';
const PENDING = 'This request is waiting for a decision; only an active grant can be revoked.';

/** Path parameters used to call each dynamic segment. */
export const pathParams = (fx: Fixtures): Record<string, string> => ({
  '[apiId]': 'orders',
  '[productId]': 'partners',
  '[id]': fx.developerRequestId,
  '[...nextauth]': 'session',
});

const row = (
  anonymous: Expected,
  developer: Expected,
  otherDeveloper: Expected,
  owner: Expected,
  admin: Expected,
  formerAdmin: Expected,
  args?: Row['args'],
): Row => ({ args, expect: { anonymous, developer, otherDeveloper, owner, admin, formerAdmin } });

/** Open to everyone. */
const open = row('allowed', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed');
/** Any signed-in user. */
const signedIn = row('signin', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed');
/**
 * Portal admins only. The former admin's session was issued with Portal.Admin, which was removed in Entra since: the
 * re-check against Graph (cached at most 60 s) refuses them.
 */
const adminOnly = (args?: Row['args']): Row => row('signin', 'forbidden', 'forbidden', 'forbidden', 'allowed', 'forbidden', args);
const adminPage = adminOnly();
const adminAction = (refusal: string, args: Row['args']): Row =>
  row('signin', 'forbidden', 'forbidden', 'forbidden', `refused: ${refusal}`, 'forbidden', args);
const userAction = (refusal: string, args: Row['args']): Row =>
  row('signin', `refused: ${refusal}`, `refused: ${refusal}`, `refused: ${refusal}`, `refused: ${refusal}`, `refused: ${refusal}`, args);

export const EXPECTED: Record<string, Row> = {
  // Pages.
  'page /': signedIn,
  'page /apis': signedIn,
  'page /apis/[apiId]': signedIn,
  'page /products': signedIn,
  'page /products/[productId]': signedIn,
  'page /subscriptions': signedIn,
  'page /console': signedIn,
  'page /forbidden': signedIn,
  'page /requests': signedIn,
  'page /apps': signedIn,
  'page /requests/new': signedIn,
  'page /requests/[id]': row('signin', 'allowed', 'notfound', 'allowed', 'allowed', 'allowed'),
  'page /tokens': signedIn,
  'page /notifications': signedIn,
  'page /signin': row('allowed', 'redirect: /', 'redirect: /', 'redirect: /', 'redirect: /', 'redirect: /'),
  'page /signed-out': open,
  'page /signout': signedIn,
  'page /admin/access': adminPage,
  'page /admin/apis': adminPage,
  'page /admin/apis/[apiId]/policy': adminPage,
  'page /admin/audit': adminPage,
  'page /admin/catalog': adminPage,
  'page /admin/doctor': adminPage,
  'page /admin/drift': adminPage,
  'page /admin/requests': row('signin', 'forbidden', 'forbidden', 'allowed', 'allowed', 'forbidden'),
  'page /admin/settings': adminPage,

  // Route handlers.
  'route GET /api/health': open,
  'route GET /api/ready': open,
  'route POST /api/admin/audit-export': row('unauthenticated', 'forbidden', 'forbidden', 'forbidden', 'allowed', 'forbidden'),
  'route GET /api/auth/[...nextauth]': open,
  // POST /api/auth/session without next-auth's CSRF token: refused alike for everyone.
  'route POST /api/auth/[...nextauth]': row('badrequest', 'badrequest', 'badrequest', 'badrequest', 'badrequest', 'badrequest'),
  // Event Grid deliveries need Event Grid's Entra token, which no session cookie stands in for.
  'route POST /api/events/apim': row(
    'unauthenticated',
    'unauthenticated',
    'unauthenticated',
    'unauthenticated',
    'unauthenticated',
    'unauthenticated',
  ),
  // The CloudEvents handshake without the WebHook-Request-Origin header it needs.
  'route OPTIONS /api/events/apim': row('badrequest', 'badrequest', 'badrequest', 'badrequest', 'badrequest', 'badrequest'),

  // Server actions: probes with made-up ids, so that passing authorization shows as the data layer's refusal.
  'action app/(admin)/admin/access/actions.ts#reconcileNowAction': adminOnly(),
  // Ends the caller's session, so the matrix calls it last for each role and the corpus leaves it out (it takes no input).
  'action app/(auth)/signout/actions.ts#signOutAction': row('signin', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed'),
  'action components/access/actions.ts#revokeGrantAction': adminAction(NOT_YOURS, () => [
    { requestId: NO_SUCH_ID, expectedVersion: 1, reason: 'probe' },
  ]),
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#previewRoleMapAction': adminAction('Invalid input', () => [{ apiId: 'orders' }]),
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#applyRoleMapAction': adminAction('Invalid input', () => [{ apiId: 'orders' }]),
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#rollbackPolicyAction': adminAction('There is no saved policy batch', () => [
    'orders',
    NO_SUCH_ID,
  ]),
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#addAppRoleAction': adminAction('Invalid input', () => [{ apiId: 'orders' }]),
  // A search that finds no one is an ordinary answer, so the admin's probe succeeds.
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#findPreviewUsersAction': adminOnly(() => ['orders', 'nobody-by-this-name']),
  'action app/(admin)/admin/apis/[apiId]/policy/actions.ts#previewUserAccessAction': adminAction('Invalid input', () => [
    { apiId: 'orders' },
  ]),
  // Owners approve for their own app registrations: they pass the gate and meet the data layer's refusal.
  'action components/access/actions.ts#decideRequestAction': row(
    'signin',
    'forbidden',
    'forbidden',
    `refused: ${NOT_YOURS}`,
    `refused: ${NOT_YOURS}`,
    'forbidden',
    () => [NO_SUCH_ID, { verdict: 'approve', expectedVersion: 1 }],
  ),
  'action components/access/actions.ts#retryProvisioningAction': adminAction(NOT_YOURS, () => [
    { requestId: NO_SUCH_ID, expectedVersion: 1 },
  ]),
  'action app/(admin)/admin/settings/actions.ts#saveApprovalRuleAction': adminAction('Invalid input', () => [{ apiId: 'orders' }]),
  'action app/(admin)/admin/settings/actions.ts#deleteApprovalRuleAction': adminAction('That rule no longer exists.', () => [NO_SUCH_ID]),
  'action app/(admin)/admin/settings/actions.ts#saveProductApproverGroupAction': adminAction(
    'There is no such product in the catalog.',
    () => [{ productId: 'no-such-product', groupId: '' }],
  ),
  'action components/catalog/actions.ts#refreshCatalogAction': adminAction('The API could not be refreshed', () => ['no-such-api']),
  'action app/(portal)/console/actions.ts#sendConsoleRequestAction': userAction('The request form is not valid', () => [{}]),
  'action app/(portal)/console/actions.ts#revealConsoleSecretsAction': userAction('That call is no longer kept', () => [NO_SUCH_ID]),
  'action app/(portal)/products/actions.ts#subscribeAction': userAction('There is no such product in the catalog.', () => [
    { productId: 'no-such-product' },
  ]),
  'action app/(portal)/subscriptions/actions.ts#revealKeysAction': userAction(NO_SUBSCRIPTION, () => ['no-such-subscription']),
  'action app/(portal)/subscriptions/actions.ts#regenerateKeyAction': userAction(NO_SUBSCRIPTION, () => [
    'no-such-subscription',
    'primary',
  ]),
  'action app/(portal)/subscriptions/actions.ts#cancelSubscriptionAction': userAction(NO_SUBSCRIPTION, () => ['no-such-subscription']),
  'action app/(portal)/notifications/actions.ts#markNotificationsReadAction': userAction('That notification is not in your list', () => [
    NO_SUCH_ID,
  ]),
  'action app/(portal)/notifications/actions.ts#saveNotificationPreferencesAction': userAction(
    'The notification choices are not valid',
    () => [{}],
  ),
  // The probe names an application too, so the corpus fills the request-for-an-app field with every bad value; the
  // application ids that pass validation have their own cases in security-corpus.spec.ts.
  'action app/(portal)/requests/actions.ts#submitRequestAction': userAction('Invalid input', () => [
    { apiId: 'orders', clientSpId: CLIENT_APPS[0].servicePrincipalId },
  ]),
  // The developer's own pending request at a stale version: the requester is told it changed, Ben that it is not his,
  // and approvers (the owner of Payments, the admin) may see it but not cancel it.
  'action app/(portal)/requests/actions.ts#cancelRequestAction': row(
    'signin',
    'refused: This request was decided or changed meanwhile.',
    `refused: ${NOT_YOURS}`,
    'refused: Only the requester can cancel a request.',
    'refused: Only the requester can cancel a request.',
    'refused: This request was decided or changed meanwhile.',
    (fx) => [{ requestId: fx.developerRequestId, expectedVersion: 999 }],
  ),
  'action app/(portal)/requests/actions.ts#giveUpGrantAction': row(
    'signin',
    `refused: ${PENDING}`,
    `refused: ${NOT_YOURS}`,
    `refused: ${PENDING}`,
    `refused: ${PENDING}`,
    `refused: ${PENDING}`,
    (fx) => [{ requestId: fx.developerRequestId, expectedVersion: 999 }],
  ),
  // A token that does not parse still gets a diagnosis: the doctor's answer is the point of the page.
  'action app/(portal)/tokens/actions.ts#diagnoseTokenAction': row('signin', 'allowed', 'allowed', 'allowed', 'allowed', 'allowed', () => [
    { token: 'not-a-token' },
  ]),
};
