import 'server-only';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import type { IndexedApp } from '@/lib/catalog/catalog-types';
import { getIndexSnapshot } from '@/lib/catalog/index-snapshot';
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

type AppOwners = Pick<IndexedApp, 'owners'> | null;

/** An owner of the app registration, per the catalog index. */
export function ownsApp(user: Pick<PortalUser, 'oid'>, app: AppOwners): boolean {
  return app?.owners.some((owner) => owner.id === user.oid) ?? false;
}

/** Who may decide requests for an app's roles: a portal admin or an owner of the app registration. */
export function isApproverOf(user: PortalUser, app: AppOwners): boolean {
  return user.isAdmin || ownsApp(user, app);
}

/** How the user relates to a request, as the state machine reads it. */
export function transitionActor(user: PortalUser, request: Pick<AccessRequestRow, 'requester_oid'>, app: AppOwners): TransitionActor {
  return { isRequester: request.requester_oid === user.oid, isApprover: ownsApp(user, app), isAdmin: user.isAdmin, isSystem: false };
}

/** App ids whose requests the user may decide; null = every app (portal admin). */
export async function decidableAppIds(db: Kysely<Database>, user: PortalUser): Promise<string[] | null> {
  if (user.isAdmin) return null;
  const { apps } = await getIndexSnapshot(db);
  return apps.filter((app) => ownsApp(user, app)).map((app) => app.appId);
}

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
  request: Pick<AccessRequestRow, 'requester_oid' | 'status'> & WorkloadFields,
  app: AppOwners,
  approverOids: readonly string[],
  clientOwnerOids: readonly string[] = [],
): boolean {
  return (
    transition(request.status, { type: 'reject' }, transitionActor(user, request, app)).ok &&
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

/** The query form of mayDecide, for requests of `appIds` (null = every app, from decidableAppIds). */
export function whereDecidable<O>(
  query: SelectQueryBuilder<Database, 'access_request', O>,
  user: PortalUser,
  appIds: string[] | null,
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
  return appIds === null ? staged : staged.where('app_id', 'in', appIds);
}
