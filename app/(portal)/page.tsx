import Link from 'next/link';
import { RoleChip } from '@/components/catalog/role-chip';
import { ButtonLink } from '@/components/ui/button-link';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { loadMyAccessPage } from '@/lib/requests/load-my-access-page';
import { renewalHref } from '@/lib/requests/renewal-href';

export const metadata = { title: 'My access' };

export default async function MyAccessPage() {
  const user = await requireUser();
  const { entries, rolesError, endingSoon, endsOf } = await loadMyAccessPage(user);
  return (
    <>
      <PageHeader
        title="My access"
        description={`The Entra app roles ${user.name} holds, per API. New roles reach the next token you get.`}
      />
      {rolesError ? <Notice tone="warn">{rolesError}</Notice> : null}
      {endingSoon.length > 0 ? (
        <section
          aria-labelledby="ending-soon"
          className="mb-6 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950"
        >
          <h2 id="ending-soon" className="font-semibold">
            Ending within 7 days
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {endingSoon.map((g) => (
              <li key={g.requestId} data-testid="ending-grant">
                <Link href={`/requests/${g.requestId}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                  {g.roleValue} on {g.apiId}
                </Link>{' '}
                ends on <time dateTime={g.expiresAt}>{g.expiresAt.slice(0, 10)}</time>.{' '}
                {g.renewalRequestId ? (
                  <Link href={`/requests/${g.renewalRequestId}`} className="underline">
                    Renewal requested
                  </Link>
                ) : (
                  <ButtonLink
                    href={renewalHref(g.apiId, g.roleId, g.requestId)}
                    size="xs"
                    aria-label={`Renew ${g.roleValue} on ${g.apiId}`}
                  >
                    Renew
                  </ButtonLink>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState title="No roles yet">
          <Link href="/apis" className="text-brand-600 underline dark:text-brand-300">
            Browse the APIs
          </Link>{' '}
          to see what each operation needs and request access.
        </EmptyState>
      ) : (
        <ul className="list-panel">
          {entries.map(({ api, view }) => (
            <li key={api.id} className="flex flex-wrap items-center justify-between gap-3 p-4" data-testid="my-access-api">
              <Link href={`/apis/${encodeURIComponent(api.id)}`} prefetch={false} className="link font-semibold">
                {api.displayName}
              </Link>
              <div className="flex flex-wrap gap-2">
                {view.roles
                  .filter((r) => r.held.length > 0)
                  .map((r) => {
                    const ends = endsOf[`${api.id}:${r.role.value}`];
                    const via = r.held.some((h) => h.via === 'group')
                      ? `through ${r.held.find((h) => h.via === 'group')?.groupName}`
                      : 'assigned directly';
                    return (
                      <span key={r.role.id} className="inline-flex items-center gap-1" data-testid="held-role" data-role={r.role.value}>
                        <RoleChip value={r.role.value} held title={ends ? `${via}, ends on ${ends.slice(0, 10)}` : via} />
                        {ends ? (
                          <span className="text-xs supporting-text">
                            until <time dateTime={ends}>{ends.slice(0, 10)}</time>
                          </span>
                        ) : null}
                      </span>
                    );
                  })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
