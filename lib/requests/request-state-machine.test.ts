// Rule: a request changes status only along the designed edges, only by the parties allowed to, and every refusal says why.
import { describe, expect, it } from 'vitest';
import type { RequestStatus } from '@/lib/db/types';
import { transition, type RequestEvent, type TransitionActor } from './request-state-machine';

const actors = {
  requester: { isRequester: true, isApprover: false, isAdmin: false, isSystem: false },
  approver: { isRequester: false, isApprover: true, isAdmin: false, isSystem: false },
  admin: { isRequester: false, isApprover: false, isAdmin: true, isSystem: false },
  system: { isRequester: false, isApprover: false, isAdmin: false, isSystem: true },
  stranger: { isRequester: false, isApprover: false, isAdmin: false, isSystem: false },
  ownerRequester: { isRequester: true, isApprover: true, isAdmin: true, isSystem: false },
} satisfies Record<string, TransitionActor>;
type ActorName = keyof typeof actors;

const events: Record<string, RequestEvent> = {
  submit: { type: 'submit', autoApprove: false },
  'submit-auto': { type: 'submit', autoApprove: true },
  'approve-stage': { type: 'approve', finalStage: false },
  'approve-final': { type: 'approve', finalStage: true },
  'submit-renewal': { type: 'submit', autoApprove: false, extendsGrant: true },
  'submit-renewal-auto': { type: 'submit', autoApprove: true, extendsGrant: true },
  'approve-renewal-stage': { type: 'approve', finalStage: false, extendsGrant: true },
  'approve-renewal-final': { type: 'approve', finalStage: true, extendsGrant: true },
  reject: { type: 'reject' },
  cancel: { type: 'cancel' },
  'start-provisioning': { type: 'start-provisioning' },
  provisioned: { type: 'provisioned' },
  'provisioning-failed': { type: 'provisioning-failed' },
  retry: { type: 'retry' },
  expire: { type: 'expire' },
  revoke: { type: 'revoke' },
};

const statuses: (RequestStatus | null)[] = [
  null,
  'pending',
  'approved',
  'provisioning',
  'active',
  'expired',
  'revoked',
  'rejected',
  'cancelled',
  'failed',
  'renewed',
];

// Every allowed (from, event, actor) → to. Anything not listed must be refused.
const allowed: [RequestStatus | null, string, ActorName[], RequestStatus][] = [
  [null, 'submit', ['requester', 'ownerRequester'], 'pending'],
  [null, 'submit-auto', ['requester', 'ownerRequester'], 'approved'],
  ['pending', 'approve-stage', ['approver', 'admin'], 'pending'],
  ['pending', 'approve-final', ['approver', 'admin'], 'approved'],
  [null, 'submit-renewal', ['requester', 'ownerRequester'], 'pending'],
  [null, 'submit-renewal-auto', ['requester', 'ownerRequester'], 'renewed'],
  ['pending', 'approve-renewal-stage', ['approver', 'admin'], 'pending'],
  ['pending', 'approve-renewal-final', ['approver', 'admin'], 'renewed'],
  ['pending', 'reject', ['approver', 'admin'], 'rejected'],
  ['pending', 'cancel', ['requester', 'ownerRequester'], 'cancelled'],
  ['approved', 'start-provisioning', ['system'], 'provisioning'],
  ['provisioning', 'start-provisioning', ['system'], 'provisioning'],
  ['provisioning', 'provisioned', ['system'], 'active'],
  ['provisioning', 'provisioning-failed', ['system'], 'failed'],
  ['failed', 'retry', ['admin', 'ownerRequester'], 'provisioning'],
  ['active', 'expire', ['system'], 'expired'],
  ['active', 'revoke', ['requester', 'approver', 'admin', 'system', 'ownerRequester'], 'revoked'],
];

function expected(from: RequestStatus | null, event: string, actor: ActorName): RequestStatus | undefined {
  return allowed.find(([f, e, who]) => f === from && e === event && who.includes(actor))?.[3];
}

describe('request state machine', () => {
  for (const from of statuses) {
    for (const [eventName, event] of Object.entries(events)) {
      for (const actorName of Object.keys(actors) as ActorName[]) {
        const want = expected(from, eventName, actorName);
        it(`${from ?? '(new)'} --${eventName} by ${actorName}--> ${want ?? 'refused'}`, () => {
          const result = transition(from, event, actors[actorName]);
          if (want) expect(result).toEqual({ ok: true, to: want });
          else {
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.reason).toMatch(/\w{3,}.*\./);
          }
        });
      }
    }
  }

  it('tells a requester who owns the API that they cannot decide their own request', () => {
    expect(transition('pending', { type: 'approve', finalStage: true }, actors.ownerRequester)).toEqual({
      ok: false,
      reason: 'You cannot approve your own request.',
    });
  });

  it('explains why a decided request cannot be approved again', () => {
    expect(transition('rejected', { type: 'approve', finalStage: true }, actors.admin)).toEqual({
      ok: false,
      reason: 'This request was rejected, so it cannot be approved.',
    });
  });
});
