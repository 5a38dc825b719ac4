import Link from 'next/link';
import type { VersionLink } from '@/lib/catalog/group-versions';

/** Links to every version of the API's version set; the version on screen is marked as the current page. */
export function VersionSwitcher({ versions, currentId }: { versions: VersionLink[]; currentId: string }) {
  if (versions.length === 0) return null;
  return (
    <nav aria-label="Versions" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
      <span className="muted">Versions</span>
      {versions.map((v) =>
        v.apiId === currentId ? (
          <span key={v.apiId} aria-current="page" className="rounded bg-brand-700 px-2 py-0.5 font-medium text-white">
            {v.label}
          </span>
        ) : (
          <Link
            key={v.apiId}
            href={`/apis/${encodeURIComponent(v.apiId)}`}
            className="rounded bg-slate-100 px-2 py-0.5 text-brand-700 hover:underline dark:bg-slate-800 dark:text-brand-100"
          >
            {v.label}
          </Link>
        ),
      )}
    </nav>
  );
}
