import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from '@/lib/auth/session';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { loadRoleMap, type RoleMapView } from '@/lib/policy-studio/load-role-map';
import { AddRoleForm } from './add-role-form';
import { PolicyHistory } from './policy-history';
import { RoleMapEditor } from './role-map-editor';
import { routeParam } from '@/lib/http/route-param';

type Params = Promise<{ apiId: string }>;

export const metadata = { title: 'Role map' };

export default async function RoleMapPage({ params }: { params: Params }) {
  const actor = await requireAdmin();
  const apiId = routeParam((await params).apiId);
  let view: RoleMapView;
  try {
    view = await loadRoleMap(actor, apiId);
  } catch (error) {
    if (error instanceof UserFacingError && error.status === 404) notFound();
    console.error('[policy-studio] loading the role map failed', error);
    return (
      <>
        <PageHeader title="Role map" />
        <Notice tone="error" title="The API's policies could not be read from API Management">
          Try again in a moment.
        </Notice>
      </>
    );
  }
  const roles = view.app?.roles.filter((r) => r.isEnabled).map((r) => r.value) ?? [];
  return (
    <>
      <PageHeader
        title={`Role map: ${view.api.displayName}`}
        description="Which app roles each operation accepts. Checked boxes start from what the policies in API Management enforce now; Preview shows the policy changes before anything is written."
        actions={
          <Link href={`/apis/${encodeURIComponent(view.api.id)}`} className="text-sm text-brand-700 hover:underline dark:text-brand-100">
            Open the API page
          </Link>
        }
      />
      {view.app ? (
        <p className="mb-4 text-sm supporting-text">
          App registration <span className="font-medium">{view.app.displayName}</span> ({view.app.appId}), issues v{view.app.tokenVersion}{' '}
          tokens.
        </p>
      ) : (
        <Notice tone="warn" title="No app registration is mapped to this API">
          Roleport cannot generate a policy without one. Map the API&apos;s audience to an app registration first.
        </Notice>
      )}
      <RoleMapEditor
        apiId={view.api.id}
        operations={view.operations}
        roles={roles}
        initialMap={view.initialMap}
        canGenerate={view.app !== null}
      />
      {view.app ? <AddRoleForm apiId={view.api.id} appName={view.app.displayName} existing={view.app.roles.map((r) => r.value)} /> : null}
      <PolicyHistory apiId={view.api.id} batches={view.batches} />
    </>
  );
}
