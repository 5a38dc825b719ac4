import { OperationRequirement } from '@/components/console/operation-requirement';
import { MethodBadge } from '@/components/catalog/method-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { loadConsolePage } from '@/lib/console/load-console';
import { ConsoleForm } from './console-form';
import { ConsolePicker } from './console-picker';

export const metadata = { title: 'Try it' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

export default async function ConsolePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const params = await searchParams;
  const data = await loadConsolePage(user, one(params.api), one(params.operation));
  const { api, selected } = data;
  return (
    <>
      <PageHeader
        title="Try it"
        description="Call an operation through the API Management gateway as yourself: Roleport gets a token for the API on your behalf, adds your subscription key where one is needed, and explains any refusal."
      />
      <ConsolePicker
        apis={data.apis.map((a) => ({ id: a.id, label: a.displayName }))}
        apiId={api?.id}
        operations={data.operations.map((o) => ({ id: o.id, label: `${o.method} ${o.urlTemplate} — ${o.displayName}` }))}
        operationId={selected?.operation.id}
      />
      {data.rolesError ? <Notice tone="warn">{data.rolesError}</Notice> : null}
      {!api || !selected ? (
        <EmptyState title={api ? 'Choose an operation' : 'Choose an API and an operation'}>
          Pick them above; the console fills in the operation&apos;s parameters and calls it through the gateway with a token for you.
        </EmptyState>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-center gap-3">
            <MethodBadge method={selected.operation.method} />
            <code className="font-mono text-sm">
              {api.gatewayBaseUrl}
              {selected.operation.urlTemplate}
            </code>
            <span className="text-sm font-medium">{selected.operation.displayName}</span>
          </div>
          <OperationRequirement access={selected.operation.access} allowed={selected.allowed} heldValues={selected.heldValues} />
          {api.subscriptionRequired ? (
            <p className="mb-4 text-sm supporting-text">
              This API requires a subscription key; the console adds yours when you have an active subscription.
            </p>
          ) : null}
          <ConsoleForm key={`${api.id}/${selected.operation.id}`} apiId={api.id} operation={selected.operation} />
        </>
      )}
    </>
  );
}
