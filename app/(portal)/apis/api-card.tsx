import Link from 'next/link';
import { RoleChip } from '@/components/catalog/role-chip';
import type { CatalogEntry } from '@/lib/directory/catalog-views';
import { plural } from '@/lib/text/plural';

function AccessLine({ entry }: { entry: CatalogEntry }) {
  const { view } = entry;
  if (view.state === 'no-token-check')
    return <p className="text-xs text-amber-700 dark:text-amber-400">No token validation: callable without an Entra role.</p>;
  if (view.state === 'no-app') return <p className="text-xs text-amber-700 dark:text-amber-400">No app registration mapped to this API.</p>;
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
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
      {view.requestableCount > 0 ? <span>{plural(view.requestableCount, 'more role', 'more roles')} you can request.</span> : null}
    </div>
  );
}

export function ApiCard({ entry }: { entry: CatalogEntry }) {
  const { api, versions } = entry;
  return (
    <li
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="api-card"
    >
      <div>
        <Link
          href={`/apis/${encodeURIComponent(api.id)}`}
          data-testid="api-name"
          className="text-base font-semibold text-brand-700 hover:underline dark:text-brand-100"
        >
          {api.version?.setName ?? api.displayName}
        </Link>
        <p className="font-mono text-xs text-slate-500 dark:text-slate-400">/{api.path}</p>
      </div>
      {versions.length > 0 ? (
        <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" data-testid="api-versions">
          <span>Versions</span>
          {versions.map((v) => (
            <Link
              key={v.apiId}
              href={`/apis/${encodeURIComponent(v.apiId)}`}
              className="rounded bg-slate-100 px-1.5 py-0.5 text-brand-700 hover:underline dark:bg-slate-800 dark:text-brand-100"
            >
              {v.label}
            </Link>
          ))}
        </p>
      ) : null}
      {api.description ? <p className="line-clamp-2 text-sm text-slate-700 dark:text-slate-300">{api.description}</p> : null}
      <div className="flex flex-wrap gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span>{plural(api.operationCount, 'operation')}</span>
        {api.products.map((p) => (
          <span key={p.id} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            {p.displayName}
          </span>
        ))}
        {api.subscriptionRequired ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-300">subscription key</span>
        ) : null}
      </div>
      <AccessLine entry={entry} />
    </li>
  );
}
