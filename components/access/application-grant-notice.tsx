import type { AccessRequestView } from '@/lib/requests/request-view';

/** Marks a request for an application: approving it is what admin consent to an application permission does. */
export function ApplicationGrantNotice({ request }: { request: Pick<AccessRequestView, 'client' | 'stage'> }) {
  const { client } = request;
  if (!client) return null;
  return (
    <div data-testid="application-grant" className="mt-2 grant-notice">
      <p className="font-semibold">
        Application grant for {client.managedIdentity ? 'the managed identity' : 'the application'} {client.displayName}
        {client.appId ? <span className="font-mono font-normal"> ({client.appId})</span> : null}
      </p>
      <p>It gives the service access without any user present: every client-credentials token of the application carries the role.</p>
      {client.managedIdentity ? (
        <p>
          A managed identity has no owners in Entra, so{' '}
          {request.stage === 1 ? 'this first stage is for a portal admin, who' : 'a portal admin'} confirms the identity belongs to the
          requester’s workload.
        </p>
      ) : null}
    </div>
  );
}
