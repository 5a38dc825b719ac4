import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from '@/lib/auth/session';
import { loadStudioIndexPage } from '@/lib/policy-studio/load-studio-index-page';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Policy studio' };

export default async function PolicyStudioIndexPage() {
  await requireAdmin();
  const apis = await loadStudioIndexPage();
  return (
    <>
      <PageHeader title="Policy studio" description="Map app roles to operations and generate each API's policy." />
      {apis.length === 0 ? (
        <EmptyState title="The catalog is empty">
          Roleport indexes API Management in the background; refresh the catalog from the Catalog sync page if nothing appears.
        </EmptyState>
      ) : (
        <ul className="list-panel text-sm">
          {apis.map((api) => (
            <li key={api.id} className="flex items-center justify-between p-3">
              <span>
                <span className="font-medium">{api.displayName}</span>
                <span className="ml-2 text-xs muted">
                  {api.appId ? plural(api.operationCount, 'operation') : 'no app registration mapped'}
                </span>
              </span>
              <Link
                href={`/admin/apis/${encodeURIComponent(api.id)}/policy`}
                className="text-brand-700 hover:underline dark:text-brand-100"
              >
                Role map
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
