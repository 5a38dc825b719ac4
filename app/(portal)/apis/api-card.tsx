import Link from 'next/link';
import { RoleChip } from '@/components/catalog/role-chip';
import type { CatalogEntry } from '@/lib/directory/catalog-listing';
import { plural } from '@/lib/text/plural';

function AccessLine({ entry }: { entry: CatalogEntry }) {
  const { view } = entry;
  if (view.state === 'no-token-check') return <p className="text-xs warning-text">No token validation: callable without an Entra role.</p>;
  if (view.state === 'no-app') return <p className="text-xs warning-text">No app registration mapped to this API.</p>;
  return (
    <div className="api-card-line supporting-text">
      {view.heldValues.length > 0 ? (
        <>
          <span>You hold</span>
          {view.heldValues.map((value) => (
            <RoleChip key={value} value={value} held />
          ))}
        </>
      ) : (
        <span>No access yet.</span>
      )}
      {view.requestableCount > 0 ? <span>{`${plural(view.requestableCount, 'more role', 'more roles')} you can request.`}</span> : null}
    </div>
  );
}

/**
 * One API of the catalog. Its links do not prefetch (nor do those of other long lists): every page they lead to is
 * rendered per request, so a prefetch fetches only the route tree, yet costs the server a request per link in view;
 * a click still navigates client-side.
 */
export function ApiCard({ entry }: { entry: CatalogEntry }) {
  const { api, versions } = entry;
  return (
    <li className="api-card" data-testid="api-card">
      <div>
        <Link href={`/apis/${encodeURIComponent(api.id)}`} prefetch={false} data-testid="api-name" className="link text-base font-semibold">
          {api.version?.setName ?? api.displayName}
        </Link>
        <p className="muted font-mono text-xs">{`/${api.path}`}</p>
      </div>
      {versions.length > 0 ? (
        <p className="api-card-line supporting-text" data-testid="api-versions">
          <span>Versions</span>
          {versions.map((v) => (
            <Link key={v.apiId} href={`/apis/${encodeURIComponent(v.apiId)}`} prefetch={false} className="tag link">
              {v.label}
            </Link>
          ))}
        </p>
      ) : null}
      {api.description ? <p className="api-card-description">{api.description}</p> : null}
      <div className="api-card-meta muted">
        <span>{plural(api.operationCount, 'operation')}</span>
        {api.products.map((p) => (
          <span key={p.id} className="tag">
            {p.displayName}
          </span>
        ))}
        {api.subscriptionRequired ? <span className="tag">subscription key</span> : null}
      </div>
      <AccessLine entry={entry} />
    </li>
  );
}
