'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { optionsByName, SelectField } from '@/components/ui/select-field';

/**
 * Choosing an API shows its roles at once: the choice goes into the URL (the same link the API pages use), so the
 * page loads that API's roles, and a reload or a shared link opens the same form. Focus stays on the list.
 */
export function ApiPicker({
  apis,
  selected,
  forApp = false,
}: {
  apis: { id: string; displayName: string }[];
  selected?: string;
  /** Keeps "for an application" chosen when another API is picked. */
  forApp?: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (apiId: string) =>
    startTransition(() => router.replace(`/requests/new?api=${encodeURIComponent(apiId)}${forApp ? '&for=app' : ''}`, { scroll: false }));
  return (
    <form method="get" className="mb-6 flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        label="API"
        hint="Its roles, and what each one opens, appear below."
        name="api"
        defaultValue={selected ?? ''}
        onChange={(e) => choose(e.target.value)}
        emptyOption="Choose an API…"
        emptyOptionDisabled
        options={optionsByName(apis)}
      />
      <p role="status" className="pb-2 text-sm supporting-text" data-testid="roles-loading">
        {pending ? 'Loading roles…' : ''}
      </p>
    </form>
  );
}
