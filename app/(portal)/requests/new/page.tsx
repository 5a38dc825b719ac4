import { randomUUID } from 'node:crypto';
import { ButtonLink } from '@/components/ui/button-link';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { loadNewRequestPage } from '@/lib/approvals/load-new-request-page';
import { requireUser } from '@/lib/auth/session';
import { ApiPicker } from './api-picker';
import { RequestForm } from './request-form';
import { RenewalForm } from './renewal-form';
import { apiTitle } from '@/lib/catalog/api-version';

export const metadata = { title: 'Request access' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function NewRequestPage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const params = await searchParams;
  const apiId = first(params.api);
  const roleId = first(params.role)?.toLowerCase();
  const forApp = first(params.for) === 'app';
  const { apis, data, clients, clientsError, renewal } = await loadNewRequestPage(user, apiId, { forApp, renew: first(params.renew) });
  const renewing = renewal?.ok ? data?.roles.find((r) => r.id.toLowerCase() === renewal.roleId.toLowerCase()) : undefined;
  const link = (app: boolean) =>
    `/requests/new?${new URLSearchParams({ ...(apiId ? { api: apiId } : {}), ...(roleId ? { role: roleId } : {}), ...(app ? { for: 'app' } : {}) })}`;
  const forgedRole = data && roleId ? !data.roles.some((r) => r.id.toLowerCase() === roleId) : false;
  return (
    <>
      <PageHeader
        title="Request access"
        description="Ask for an app role of an API. An owner of the API's app registration (or a portal admin) decides; once approved, Roleport assigns the role in Entra and new tokens carry it."
      />
      <nav aria-label="Request for" className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="supporting-text">Request for</span>
        <ButtonLink href={link(false)} variant={forApp ? 'ghost' : 'secondary'} size="xs" aria-current={forApp ? undefined : 'page'}>
          Myself
        </ButtonLink>
        <ButtonLink href={link(true)} variant={forApp ? 'secondary' : 'ghost'} size="xs" aria-current={forApp ? 'page' : undefined}>
          An application I own
        </ButtonLink>
      </nav>
      {forApp ? (
        <Notice tone="warn" title="An application role">
          Granting an application role gives the service access without any user present: its client-credentials tokens carry the role. You
          must own the application’s app registration or service principal in Entra, now and when the role is granted.
        </Notice>
      ) : null}
      {clientsError ? <Notice tone="warn">{clientsError}</Notice> : null}
      {renewal && !renewal.ok ? (
        <Notice tone="warn" title="This grant cannot be renewed">
          {renewal.refusal}
        </Notice>
      ) : null}
      <ApiPicker apis={apis.map((api) => ({ id: api.id, displayName: apiTitle(api) }))} selected={data?.api.id} forApp={forApp} />
      {apiId && !data ? (
        <Notice tone="warn" title="This API has no roles to request">
          Either there is no such API in the catalog, or it is not linked to an Entra app registration. Choose another API.
        </Notice>
      ) : null}
      {forgedRole && data ? (
        <Notice tone="warn">That role is not a role of {data.api.displayName}. Choose one of its roles below.</Notice>
      ) : null}
      {renewal?.ok && renewing && data ? (
        <RenewalForm
          apiId={data.api.id}
          apiName={apiTitle(data.api)}
          role={renewing}
          grantId={renewal.grantId}
          expiresAt={renewal.expiresAt}
          justification={renewal.justification}
          submissionId={randomUUID()}
        />
      ) : data ? (
        data.roles.length === 0 ? (
          <Notice tone="info">
            {data.api.displayName} has no app roles that can be assigned to {forApp ? 'applications' : 'people'}.
          </Notice>
        ) : forApp && clients?.length === 0 ? (
          <Notice tone="info">
            You own no application with a service principal in this tenant, and there is no managed identity to request for.
          </Notice>
        ) : (
          <RequestForm
            key={data.api.id}
            apiId={data.api.id}
            apiName={data.api.displayName}
            roles={data.roles}
            initialRoleId={forgedRole ? undefined : data.roles.find((r) => r.id.toLowerCase() === roleId)?.id}
            submissionId={randomUUID()}
            clients={clients ?? undefined}
            initialClientSpId={
              clients?.find((c) => !c.refusal && c.appId.toLowerCase() === first(params.client)?.toLowerCase())?.servicePrincipalId
            }
            subscriptionProduct={data.subscriptionProduct}
          />
        )
      ) : null}
    </>
  );
}
