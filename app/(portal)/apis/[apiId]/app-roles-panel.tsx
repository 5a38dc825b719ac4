import Link from 'next/link';
import { ButtonLink } from '@/components/ui/button-link';
import { holdersOf } from '@/lib/catalog/member-types';
import type { ApiAccessPageData } from '@/lib/approvals/load-api-access-page';
import type { RoleRequestState } from '@/lib/approvals/role-request-state';
import type { ApiPageData } from '@/lib/directory/catalog-views';
import { renewalHref } from '@/lib/requests/renewal-href';

function HeldBy({ held }: { held: ApiPageData['view']['roles'][number]['held'] }) {
  return (
    <span className="text-xs font-medium success-text">
      Held {held.map((h) => (h.via === 'group' ? `through the group ${h.groupName ?? h.groupId}` : 'directly')).join(' and ')}
    </span>
  );
}

/** Where the Request button would be: the request already open, or the button with what approving it takes. */
function RequestSlot({ href, state }: { href: string; state: RoleRequestState | undefined }) {
  if (state?.kind === 'open') {
    return (
      <span className="text-xs font-medium text-amber-800 dark:text-amber-300" data-testid="request-state">
        {state.text}.{' '}
        <Link className="underline" href={`/requests/${encodeURIComponent(state.requestId)}`}>
          View your request
        </Link>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      {state ? (
        <span className="text-xs supporting-text" data-testid="request-state">
          {state.text}
        </span>
      ) : null}
      <ButtonLink href={href} size="xs">
        Request access
      </ButtonLink>
    </span>
  );
}

/** Beside a held role: its end date and a Renew button once it ends within the renewal window, or the renewal asked for. */
function RenewSlot({ apiId, roleId, state }: { apiId: string; roleId: string; state: RoleRequestState | undefined }) {
  if (state?.kind === 'open') return <RequestSlot href="" state={state} />;
  if (state?.kind !== 'renewable') return null;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <span className="text-xs font-medium text-amber-800 dark:text-amber-300" data-testid="request-state">
        {state.text}
      </span>
      <ButtonLink href={renewalHref(apiId, roleId, state.grantId)} size="xs">
        Renew
      </ButtonLink>
    </span>
  );
}

export function AppRolesPanel({ data }: { data: ApiAccessPageData }) {
  const { api, app, view, requestStates } = data;
  if (!app) {
    return (
      <section
        aria-label="Access"
        className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm dark:border-amber-900 dark:bg-amber-950"
      >
        {view.state === 'no-token-check' ? (
          <p>This API does not validate Entra tokens: its operations are callable without an app role.</p>
        ) : (
          <p>
            No Entra app registration is mapped to this API: its <code>validate-jwt</code> audiences (
            {api.access.audiences.join(', ') || 'none'}) match no application in the tenant. A portal admin can set the mapping.
          </p>
        )}
      </section>
    );
  }
  return (
    <section aria-label="Access" className="panel">
      <h2 className="text-base font-semibold">App registration: {app.displayName}</h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs supporting-text">
        <dt>Client id</dt>
        <dd className="font-mono">{app.appId}</dd>
        <dt>App ID URI</dt>
        <dd className="font-mono">{app.identifierUris.join(', ') || '—'}</dd>
        <dt>Access tokens</dt>
        <dd>v{app.tokenVersion}.0</dd>
        <dt>Found from</dt>
        <dd>{api.appSource === 'override' ? 'an admin-set mapping' : 'the validate-jwt audience in the policy'}</dd>
      </dl>
      <ul className="mt-4 divide-y divide-slate-100 dark:divide-slate-800">
        {view.roles.map(({ role, held, requestable }) => (
          <li
            key={role.id}
            className="flex flex-wrap items-center justify-between gap-3 py-2"
            data-testid="app-role"
            data-role={role.value}
          >
            <div>
              <p className="font-mono text-sm font-medium">{role.value}</p>
              <p className="text-xs supporting-text">{role.description || role.displayName}</p>
              <p className="text-xs muted" data-testid="role-holders">
                Can be held by {holdersOf(role.allowedMemberTypes)}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {held.length > 0 ? (
                <>
                  <HeldBy held={held} />
                  <RenewSlot apiId={api.id} roleId={role.id} state={requestStates[role.id]} />
                </>
              ) : requestable ? (
                <RequestSlot
                  href={`/requests/new?api=${encodeURIComponent(api.id)}&role=${encodeURIComponent(role.id)}`}
                  state={requestStates[role.id]}
                />
              ) : (
                <span className="text-xs muted">Not assignable to users</span>
              )}
              {role.allowedMemberTypes.includes('Application') ? (
                <ButtonLink
                  href={`/requests/new?api=${encodeURIComponent(api.id)}&role=${encodeURIComponent(role.id)}&for=app`}
                  size="xs"
                  variant="secondary"
                >
                  Request for an app
                </ButtonLink>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
