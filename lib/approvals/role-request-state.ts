// One reading of "where do I stand on this role", so the API page's button and the request form's card say the same.
import type { RequestStatus } from '@/lib/db/types';

export interface RoleRequestTerms {
  held: false | 'direct' | 'group';
  /** The group's name when the role is held through one. */
  heldThrough?: string;
  openRequest: { id: string; status: RequestStatus } | null;
  /** The user's grant ending soon (renewable), and their renewal of it already asked for. */
  renewal?: { grantId: string; expiresAt: string; pendingRequestId: string | null } | null;
  autoApprove: boolean;
  stages: 1 | 2;
}

export type RoleRequestState =
  | { kind: 'held'; text: string }
  | { kind: 'open'; text: string; requestId: string }
  | { kind: 'requestable'; text: string; automatic: boolean }
  | { kind: 'renewable'; text: string; grantId: string };

const OPEN_TEXT: Partial<Record<RequestStatus, string>> = {
  pending: 'Your request is waiting for approval',
  approved: 'Approved; Roleport is assigning it',
  provisioning: 'Approved; Roleport is assigning it',
  active: 'Granted; it reaches your next token',
};

/** Held (directly or through a group), ending soon and renewable, asked for already, or requestable and on what terms. */
export function roleRequestState(terms: RoleRequestTerms): RoleRequestState {
  if (terms.renewal?.pendingRequestId)
    return { kind: 'open', text: 'Your renewal is waiting for approval', requestId: terms.renewal.pendingRequestId };
  if (terms.renewal) return { kind: 'renewable', text: `Ends on ${terms.renewal.expiresAt.slice(0, 10)}`, grantId: terms.renewal.grantId };
  if (terms.held === 'group')
    return { kind: 'held', text: terms.heldThrough ? `Held through the group ${terms.heldThrough}` : 'Held through a group' };
  if (terms.held === 'direct') return { kind: 'held', text: 'Held directly' };
  if (terms.openRequest)
    return {
      kind: 'open',
      text: OPEN_TEXT[terms.openRequest.status] ?? `Your request is ${terms.openRequest.status}`,
      requestId: terms.openRequest.id,
    };
  if (terms.autoApprove) return { kind: 'requestable', text: 'Approved automatically', automatic: true };
  return {
    kind: 'requestable',
    text: terms.stages === 2 ? 'Needs two approvals (two different approvers)' : 'Needs one approval',
    automatic: false,
  };
}
