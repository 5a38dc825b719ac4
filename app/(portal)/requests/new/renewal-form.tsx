import { Notice } from '@/components/ui/notice';
import type { RequestableRole } from '@/lib/approvals/requestable-roles';
import { roleRequestState } from '@/lib/approvals/role-request-state';
import { RequestForm } from './request-form';

/**
 * The request form filled in to renew one expiring grant: the role chosen, the grant's justification, the longest
 * length the rule allows. It asks for the same approval as a new request; nothing is asked for until it is submitted.
 */
export function RenewalForm({
  apiId,
  apiName,
  role,
  grantId,
  expiresAt,
  justification,
  submissionId,
}: {
  apiId: string;
  apiName: string;
  role: RequestableRole;
  grantId: string;
  expiresAt: string;
  justification: string;
  submissionId: string;
}) {
  // The held role is the one being asked for again: offered as choosable, with the approval a new request would take.
  const choosable = { ...role, held: false as const, heldThrough: undefined, openRequest: null, renewal: null };
  return (
    <>
      <Notice tone="info" title={`Renew ${role.value}`}>
        Your {role.value} on {apiName} ends on <time dateTime={expiresAt}>{expiresAt.slice(0, 10)}</time>. Approved, the same grant runs on
        for the length you choose, counted from that day. {roleRequestState(choosable).text}, as for a new request.
      </Notice>
      <RequestForm
        apiId={apiId}
        apiName={apiName}
        roles={[choosable]}
        initialRoleId={role.id}
        submissionId={submissionId}
        renewal={{ grantId, justification, expiresAt }}
      />
    </>
  );
}
