import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { apiTitle, versionSelectorText } from '@/lib/catalog/api-version';
import { loadApiAccessPage } from '@/lib/approvals/load-api-access-page';
import { RefreshCatalogButton } from '@/components/catalog/refresh-catalog-button';
import { AppRolesPanel } from './app-roles-panel';
import { AppTokenSnippets } from './app-token-snippets';
import { OperationList } from './operation-list';
import { VersionSwitcher } from './version-switcher';
import { routeParam } from '@/lib/http/route-param';

type Params = Promise<{ apiId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: routeParam((await params).apiId) };
}

export default async function ApiPage({ params }: { params: Params }) {
  const user = await requireUser();
  const { apiId } = await params;
  const data = await loadApiAccessPage(user, routeParam(apiId));
  if (!data) notFound();
  const { api, operations, view, rolesError, versions } = data;
  return (
    <>
      <PageHeader
        title={apiTitle(api)}
        description={api.description}
        actions={user.isAdmin ? <RefreshCatalogButton apiId={api.id} label="Refresh this API" /> : null}
      />
      <VersionSwitcher versions={versions} currentId={api.id} />
      {rolesError ? <Notice tone="warn">{rolesError}</Notice> : null}
      {api.subscriptionRequired && api.access.roles.length > 0 && api.products.length > 0 ? (
        <Notice title="Calls need an app role and a subscription key">
          The gateway checks both: request the role below, and subscribe to{' '}
          {api.products.map((p, i) => (
            <span key={p.id}>
              {i > 0 ? ' or ' : null}
              <Link href={`/products/${encodeURIComponent(p.id)}`}>{p.displayName}</Link>
            </span>
          ))}{' '}
          for the key. The request form can ask for both at once.
        </Notice>
      ) : null}
      {api.syncError ? (
        <Notice tone="warn" title="The last refresh of this API failed">
          Showing the index from {new Date(api.syncedAt).toUTCString()}. {user.isAdmin ? api.syncError : null}
        </Notice>
      ) : null}
      <dl className="mb-6 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="muted">Base URL</dt>
        <dd className="font-mono" data-testid="gateway-base-url">
          {api.gatewayBaseUrl}
        </dd>
        {api.version ? (
          <>
            <dt className="muted">Version</dt>
            <dd data-testid="api-version">
              {api.version.setName} {api.version.value || 'original'}, called with {versionSelectorText(api.version)}
            </dd>
          </>
        ) : null}
        <dt className="muted">Products</dt>
        <dd data-testid="api-products">
          {api.products.length === 0
            ? '—'
            : api.products.map((p, i) => (
                <span key={p.id}>
                  {i > 0 ? ', ' : null}
                  <Link href={`/products/${encodeURIComponent(p.id)}`}>{p.displayName}</Link>
                </span>
              ))}
        </dd>
        <dt className="muted">Subscription key</dt>
        <dd>{api.subscriptionRequired ? 'required' : 'not required'}</dd>
        {user.isAdmin ? (
          <>
            <dt className="muted">Indexed</dt>
            <dd>{new Date(api.syncedAt).toUTCString()}</dd>
          </>
        ) : null}
      </dl>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <section aria-label="Operations">
          <h2 className="mb-3 text-lg font-semibold">Operations</h2>
          <OperationList apiId={api.id} operations={operations} heldValues={view.heldValues} />
        </section>
        <AppRolesPanel data={data} />
      </div>
      <AppTokenSnippets snippets={data.appTokenSnippets} apiName={api.displayName} />
    </>
  );
}
