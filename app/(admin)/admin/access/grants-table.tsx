import Link from 'next/link';
import { OutsideRoleportBadge } from '@/components/access/outside-roleport-badge';
import { RequestStatusBadge } from '@/components/access/request-status-badge';
import { RevokeGrantForm } from '@/components/access/revoke-grant-form';
import { revokeGrantTarget } from '@/components/access/revoke-grant-target';
import { Table } from '@/components/ui/table';
import type { ExternalAssignment } from '@/lib/provisioning/reconcile-assignments';
import type { AccessRequestView } from '@/lib/requests/request-view';

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

/** One API's holders: Roleport's grants (revocable here) and the assignments made outside Roleport (managed in Entra). */
export function GrantsTable({
  apiName,
  grants,
  external,
  tokensNote,
}: {
  apiName: string;
  grants: AccessRequestView[];
  external: ExternalAssignment[];
  tokensNote: string;
}) {
  return (
    <Table
      caption={`Who holds a role of ${apiName}`}
      columns={[
        { label: 'Who' },
        { label: 'Role' },
        { label: 'Source' },
        { label: 'Since' },
        { label: 'Expires' },
        { label: 'Actions', srOnly: true },
      ]}
      className="text-sm"
      empty={grants.length === 0 && external.length === 0 ? 'Nobody holds a role of this API.' : null}
    >
      {grants.map((g) => (
        <tr key={g.id} data-testid="roleport-grant" data-request-id={g.id} className="align-top">
          <td>
            {g.client ? (
              <>
                <span data-testid="grant-application">
                  {g.client.displayName} ({g.client.managedIdentity ? 'managed identity' : 'application'})
                </span>
                <span className="block text-xs muted">requested by {g.requester.name}</span>
              </>
            ) : (
              g.requester.name
            )}
          </td>
          <td className="font-mono">{g.roleValue}</td>
          <td>
            <Link href={`/requests/${encodeURIComponent(g.id)}`} className="mr-2 hover:underline">
              Roleport
            </Link>
            <RequestStatusBadge status={g.status} />
            {g.grantKind === 'group' ? <span className="ml-1 text-xs muted">via group</span> : null}
          </td>
          <td>{when(g.activatedAt ?? g.decidedAt)}</td>
          <td>{when(g.expiresAt)}</td>
          <td>
            {g.status === 'active' ? (
              <RevokeGrantForm
                {...revokeGrantTarget(g)}
                tokensNote={tokensNote}
                afterRevoke={`/admin/access?revoked=${encodeURIComponent(g.id)}`}
              />
            ) : null}
          </td>
        </tr>
      ))}
      {external.map((a) => (
        <tr key={a.assignmentId} data-testid="external-assignment">
          <td>
            {a.principalDisplayName}{' '}
            <span className="text-xs muted">
              ({a.principalType === 'ServicePrincipal' ? 'application' : a.principalType.toLowerCase()})
            </span>
          </td>
          <td className="font-mono">{a.roleValue || <span className="text-amber-700">a role no longer defined</span>}</td>
          <td>
            <OutsideRoleportBadge />
          </td>
          <td>{when(a.createdAt)}</td>
          <td>—</td>
          <td className="text-xs muted">Manage in Entra</td>
        </tr>
      ))}
    </Table>
  );
}
