// Rule: a role shows one state: held (and how), already asked for (and where that stands), or requestable with what approval takes.
import { describe, expect, it } from 'vitest';
import { roleRequestState, type RoleRequestTerms } from './role-request-state';

const base: RoleRequestTerms = { held: false, openRequest: null, autoApprove: false, stages: 1 };

describe('roleRequestState', () => {
  it('says how a held role is held, before anything else', () => {
    expect(roleRequestState({ ...base, held: 'direct', autoApprove: true })).toEqual({ kind: 'held', text: 'Held directly' });
    expect(roleRequestState({ ...base, held: 'group', heldThrough: 'Orders writers' })).toEqual({
      kind: 'held',
      text: 'Held through the group Orders writers',
    });
    expect(roleRequestState({ ...base, held: 'group' }).text).toBe('Held through a group');
  });

  it('offers a grant ending soon for renewal, or points at the renewal already asked for', () => {
    const renewal = { grantId: 'g1', expiresAt: '2026-12-04T10:00:00.000Z', pendingRequestId: null };
    expect(roleRequestState({ ...base, held: 'direct', renewal })).toEqual({
      kind: 'renewable',
      text: 'Ends on 2026-12-04',
      grantId: 'g1',
    });
    expect(roleRequestState({ ...base, held: 'direct', renewal: { ...renewal, pendingRequestId: 'r9' } })).toEqual({
      kind: 'open',
      text: 'Your renewal is waiting for approval',
      requestId: 'r9',
    });
  });

  it('points at an open request instead of offering another', () => {
    const pending = roleRequestState({ ...base, openRequest: { id: 'r1', status: 'pending' } });
    expect(pending).toEqual({ kind: 'open', text: 'Your request is waiting for approval', requestId: 'r1' });
    expect(roleRequestState({ ...base, openRequest: { id: 'r2', status: 'provisioning' } }).text).toBe(
      'Approved; Roleport is assigning it',
    );
  });

  it('tells what approval takes: automatic, one approver or two', () => {
    expect(roleRequestState({ ...base, autoApprove: true })).toEqual({
      kind: 'requestable',
      text: 'Approved automatically',
      automatic: true,
    });
    expect(roleRequestState(base).text).toBe('Needs one approval');
    expect(roleRequestState({ ...base, stages: 2 }).text).toBe('Needs two approvals (two different approvers)');
  });
});
