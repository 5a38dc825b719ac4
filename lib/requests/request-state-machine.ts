// Pure: which status changes a request may make, and who may make them. Every data-layer transition asks here first.
import type { RequestStatus } from '@/lib/db/types';

/** How the acting party relates to the request. One user can be several (an owner who is also an admin). */
export interface TransitionActor {
  isRequester: boolean;
  /** Owner of the API's app registration. */
  isApprover: boolean;
  isAdmin: boolean;
  /** Roleport's own workers, or a finding in Entra (reconciliation). */
  isSystem: boolean;
}

export type RequestEvent =
  /** `extendsGrant`: a renewal whose grant is active; approved, it extends that grant instead of granting anew. */
  | { type: 'submit'; autoApprove: boolean; extendsGrant?: boolean }
  | { type: 'approve'; finalStage: boolean; extendsGrant?: boolean }
  | { type: 'reject' }
  | { type: 'cancel' }
  | { type: 'start-provisioning' }
  | { type: 'provisioned' }
  | { type: 'provisioning-failed' }
  | { type: 'retry' }
  | { type: 'expire' }
  | { type: 'revoke' };

export type TransitionResult = { ok: true; to: RequestStatus } | { ok: false; reason: string };

const refuse = (reason: string): TransitionResult => ({ ok: false, reason });
const to = (status: RequestStatus): TransitionResult => ({ ok: true, to: status });

const describe: Record<RequestStatus, string> = {
  pending: 'is waiting for a decision',
  approved: 'is already approved',
  provisioning: 'is being provisioned',
  active: 'is active',
  expired: 'has expired',
  revoked: 'has been revoked',
  rejected: 'was rejected',
  cancelled: 'was cancelled',
  failed: 'failed to provision',
  renewed: 'was approved and extended its grant',
};

function decide(status: RequestStatus, actor: TransitionActor, verb: string): TransitionResult | null {
  if (actor.isRequester) return refuse(`You cannot ${verb} your own request.`);
  if (!actor.isApprover && !actor.isAdmin)
    return refuse(`Only a portal admin or an owner of the API's app registration can ${verb} this request.`);
  if (status !== 'pending')
    return refuse(`This request ${describe[status]}, so it cannot be ${verb === 'approve' ? 'approved' : 'rejected'}.`);
  return null;
}

function systemOnly(actor: TransitionActor, what: string): TransitionResult | null {
  return actor.isSystem ? null : refuse(`Only Roleport's provisioning can ${what}.`);
}

/** The status after `event`, or the reason it is refused. `from` is null for a request not yet created. */
export function transition(from: RequestStatus | null, event: RequestEvent, actor: TransitionActor): TransitionResult {
  if (event.type === 'submit') {
    if (from !== null) return refuse('This request has already been submitted.');
    if (!actor.isRequester) return refuse('A request is submitted by the person who needs the role.');
    return to(event.autoApprove ? (event.extendsGrant ? 'renewed' : 'approved') : 'pending');
  }
  if (from === null) return refuse('There is no such request.');
  switch (event.type) {
    case 'approve':
      return decide(from, actor, 'approve') ?? to(event.finalStage ? (event.extendsGrant ? 'renewed' : 'approved') : 'pending');
    case 'reject':
      return decide(from, actor, 'reject') ?? to('rejected');
    case 'cancel':
      if (!actor.isRequester) return refuse('Only the requester can cancel a request.');
      return from === 'pending' ? to('cancelled') : refuse(`This request ${describe[from]}; only a pending request can be cancelled.`);
    case 'start-provisioning':
      return (
        systemOnly(actor, 'start provisioning') ??
        (from === 'approved' || from === 'provisioning'
          ? to('provisioning')
          : refuse(`This request ${describe[from]}, so there is nothing to provision.`))
      );
    case 'provisioned':
      return (
        systemOnly(actor, 'activate a grant') ??
        (from === 'provisioning' ? to('active') : refuse(`This request ${describe[from]}, so it cannot become active.`))
      );
    case 'provisioning-failed':
      return (
        systemOnly(actor, 'record a provisioning failure') ??
        (from === 'provisioning' ? to('failed') : refuse(`This request ${describe[from]}, so provisioning cannot fail.`))
      );
    case 'retry':
      if (!actor.isAdmin) return refuse('Only a portal admin can retry provisioning.');
      return from === 'failed' ? to('provisioning') : refuse(`This request ${describe[from]}; only a failed request can be retried.`);
    case 'expire':
      return (
        systemOnly(actor, 'expire a grant') ??
        (from === 'active' ? to('expired') : refuse(`This request ${describe[from]}, so it cannot expire.`))
      );
    case 'revoke':
      if (!actor.isRequester && !actor.isApprover && !actor.isAdmin && !actor.isSystem) {
        return refuse('Only a portal admin, an owner of the API, or the requester can revoke this grant.');
      }
      return from === 'active' ? to('revoked') : refuse(`This request ${describe[from]}; only an active grant can be revoked.`);
  }
}

/** Statuses in which the requester holds, or is about to hold, the role: a second request for it is refused. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'approved', 'provisioning', 'active'];

export const SYSTEM_ACTOR: TransitionActor = { isRequester: false, isApprover: false, isAdmin: false, isSystem: true };
