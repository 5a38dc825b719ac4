import { randomUUID } from 'node:crypto';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { loadNewRequestPage } from '@/lib/approvals/load-new-request-page';
import { requireUser } from '@/lib/auth/session';
import { ApiPicker } from './api-picker';
import { RequestForm } from './request-form';
import { apiTitle } from '@/lib/catalog/api-version';

export const metadata = { title: 'Request access' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function NewRequestPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const params = await searchParams;
  const apiId = first(params.api);
  const roleId = first(params.role)?.toLowerCase();
  const { apis, data } = await loadNewRequestPage(user, apiId);
  const forgedRole = data && roleId ? !data.roles.some((r) => r.id.toLowerCase() === roleId) : false;
  return (
    <>
      <PageHeader
        title="Request access"
        description="Ask for an app role of an API. An owner of the API's app registration (or a portal admin) decides; once approved, Roleport assigns the role in Entra and new tokens carry it."
      />
      <ApiPicker apis={apis.map((api) => ({ id: api.id, displayName: apiTitle(api) }))} selected={data?.api.id} />
      {apiId && !data ? (
        <Notice tone="warn" title="This API has no roles to request">
          Either there is no such API in the catalog, or it is not linked to an Entra app registration. Choose another API.
        </Notice>
      ) : null}
      {forgedRole && data ? (
        <Notice tone="warn">That role is not a role of {data.api.displayName}. Choose one of its roles below.</Notice>
      ) : null}
      {data ? (
        data.roles.length === 0 ? (
          <Notice tone="info">{data.api.displayName} has no app roles that can be assigned to people.</Notice>
        ) : (
          <RequestForm
            key={data.api.id}
            apiId={data.api.id}
            apiName={data.api.displayName}
            roles={data.roles}
            initialRoleId={forgedRole ? undefined : data.roles.find((r) => r.id.toLowerCase() === roleId)?.id}
            submissionId={randomUUID()}
            subscriptionProduct={data.subscriptionProduct}
          />
        )
      ) : null}
    </>
  );
}
