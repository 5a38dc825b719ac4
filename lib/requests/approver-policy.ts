import 'server-only';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { isGroupMemberNow } from '@/lib/auth/group-membership';
import type { PortalUser } from '@/lib/auth/session';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
import { getIndexedApp } from '@/lib/catalog/read-index';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { transition, type TransitionActor } from './request-state-machine';

// The one answer to "who may decide this request". The approval queue asks it in SQL, the request page and the
// decision ask it of one row; all three are written here, side by side, so they cannot drift apart:
//   a portal admin or an owner of the API's app registration (per the catalog index, i.e. Graph's owners at the
//   last sync), never the requester, only while the request is pending, and never for a second stage of a request
//   the same person already decided.
// Requests for a workload (a client service principal) add two rules: no owner of the client (as recorded at
// submission) decides its request, even an owner of the API; and a managed identity, which has no owners to vouch for
// the requester, has an extra first stage that only a portal admin decides.
// A subscription request has no app registration: its approvers are portal admins and, when the product's rule names
// one, the direct members of that Entra group (per Graph, re-read at most a minute later).

type AppOwners = Pick<IndexedApp, 'owners'> | null;

/** An owner of the app registration, per the catalog index. */
export function ownsApp(user: Pick<PortalUser, 'oid'>, app: AppOwners): boolean {
  return app?.owners.some((owner) => owner.id === user.oid) ?? false;
}

/** Who may decide requests for an app's roles: a portal admin or an owner of the app registration. */
export function isApproverOf(user: PortalUser, app: AppOwners): boolean {
  return user.isAdmin || ownsApp(user, app);
}

/** How the user relates to a request, as the state machine reads it; `approver` = decides it besides admins. */
export function transitionActor(user: PortalUser, request: Pick<AccessRequestRow, 'requester_oid'>, approver: boolean): TransitionActor {
  return { isRequester: request.requester_oid === user.oid, isApprover: approver, isAdmin: user.isAdmin, isSystem: false };
}

/** Products whose approver group the user is a member of now. */
async function approvedProductIds(db: Kysely<Database>, user: PortalUser, productId?: string): Promise<string[]> {
  let query = db.selectFrom('product_rule').select(['product_id', 'approver_group_id']).where('approver_group_id', 'is not', null);
  if (productId !== undefined) query = query.where('product_id', '=', productId);
  const rules = await query.execute();
  const member = await Promise.all(rules.map((rule) => isGroupMemberNow(user.oid, rule.approver_group_id as string)));
  return rules.filter((_, i) => member[i]).map((rule) => rule.product_id);
}

type RequestTarget = Pick<AccessRequestRow, 'requester_oid' | 'kind' | 'app_id' | 'product_id'>;

/** The request's app (null for a subscription) and how the user relates to it: the row form of decidableScope. */
export async function requestActor(
  db: Kysely<Database>,
  user: PortalUser,
  request: RequestTarget,
): Promise<{ app: IndexedApp | null; actor: TransitionActor }> {
  if (request.kind === 'subscription') {
    // The requester never decides their own request, so their membership need not be read.
    const approver =
      request.requester_oid !== user.oid &&
      request.product_id !== null &&
      (await approvedProductIds(db, user, request.product_id)).length > 0;
    return { app: null, actor: transitionActor(user, request, approver) };
  }
  const app = await getIndexedApp(db, request.app_id);
  return { app, actor: transitionActor(user, request, ownsApp(user, app)) };
}

/** What a non-admin decides: role requests of the apps they own, subscription requests of the products they approve. */
export interface DecidableScope {
  appIds: string[];
  productIds: string[];
}

/** The requests the user may decide; null = every request (portal admin). */
export async function decidableScope(db: Kysely<Database>, user: PortalUser): Promise<DecidableScope | null> {
  if (user.isAdmin) return null;
  const { apps } = await getIndexSnapshot(db);
  const appIds = apps.filter((app) => ownsApp(user, app)).map((app) => app.appId);
  return { appIds, productIds: await approvedProductIds(db, user) };
}

/** A scope that reaches no request: the user approves nothing. */
export const decidesNothing = (scope: DecidableScope | null): boolean =>
  scope !== null && scope.appIds.length === 0 && scope.productIds.length === 0;

type WorkloadFields = Pick<AccessRequestRow, 'client_sp_type' | 'client_display_name' | 'stage'>;

/** Whether the request needs the portal admin's stage: a managed identity has no owners who could vouch for the requester. */
export function needsAdminStage(request: Pick<AccessRequestRow, 'client_sp_type'>): boolean {
  return request.client_sp_type === 'ManagedIdentity';
}

/** Stages a request goes through: the rule's, plus the admin's first stage for a managed identity. */
export function stagesRequired(request: Pick<AccessRequestRow, 'client_sp_type'>, ruleStages: number): number {
  return ruleStages + (needsAdminStage(request) ? 1 : 0);
}

/** Why this user may not decide this workload request at its current stage (admin stage, client owner), or null. */
export function workloadRefusal(user: PortalUser, request: WorkloadFields, clientOwnerOids: readonly string[]): UserFacingError | null {
  if (clientOwnerOids.includes(user.oid.toLowerCase()))
    return new UserFacingError(
      `You own ${request.client_display_name ?? 'the application'}: a request for an application is decided by someone who does not own it.`,
      'forbidden',
      403,
    );
  if (needsAdminStage(request) && Number(request.stage) === 1 && !user.isAdmin)
    return new UserFacingError(
      'This request is for a managed identity, which has no owners: its first stage is decided by a portal admin.',
      'forbidden',
      403,
    );
  return null;
}

/**
 * The row form: may this user decide this request at its current stage? `approverOids` = who decided earlier stages;
 * `clientOwnerOids` = the client's owners at submission (workload requests).
 */
export function mayDecide(
  user: PortalUser,
  request: Pick<AccessRequestRow, 'status'> & WorkloadFields,
  actor: TransitionActor,
  approverOids: readonly string[],
  clientOwnerOids: readonly string[] = [],
): boolean {
  return (
    transition(request.status, { type: 'reject' }, actor).ok &&
    !approverOids.includes(user.oid) &&
    workloadRefusal(user, request, clientOwnerOids) === null
  );
}

/** The refusal a second-stage decision by an earlier stage's approver gets; checked inside the decision's transaction. */
export function earlierStageRefusal(user: PortalUser, approverOids: readonly string[]): UserFacingError | null {
  return approverOids.includes(user.oid)
    ? new UserFacingError('You approved an earlier stage; the next stage needs a different approver.', 'forbidden', 403)
    : null;
}

/** The query form of mayDecide, for the requests of `scope` (null = every request, from decidableScope). */
export function whereDecidable<O>(
  query: SelectQueryBuilder<Database, 'access_request', O>,
  user: PortalUser,
  scope: DecidableScope | null,
): SelectQueryBuilder<Database, 'access_request', O> {
  const decidable = query
    .where('status', '=', 'pending')
    .where('requester_oid', '!=', user.oid)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('access_decision')
            .select('access_decision.id')
            .whereRef('access_decision.request_id', '=', 'access_request.id')
            .where('access_decision.approver_oid', '=', user.oid),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('access_request_client_owner')
            .select('access_request_client_owner.owner_oid')
            .whereRef('access_request_client_owner.request_id', '=', 'access_request.id')
            .where('access_request_client_owner.owner_oid', '=', user.oid.toLowerCase()),
        ),
      ),
    );
  const staged = user.isAdmin
    ? decidable
    : decidable.where((eb) =>
        eb.or([eb('client_sp_type', 'is', null), eb('client_sp_type', '!=', 'ManagedIdentity'), eb('stage', '>', 1)]),
      );
  if (scope === null) return staged;
  return staged.where((eb) => {
    const reach = [];
    if (scope.appIds.length > 0) reach.push(eb.and([eb('kind', '=', 'app-role'), eb('app_id', 'in', scope.appIds)]));
    if (scope.productIds.length > 0) reach.push(eb.and([eb('kind', '=', 'subscription'), eb('product_id', 'in', scope.productIds)]));
    return reach.length > 0 ? eb.or(reach) : eb.lit(false);
  });
}
