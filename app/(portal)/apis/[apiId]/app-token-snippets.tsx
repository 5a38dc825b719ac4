import type { AppTokenSnippet } from '@/lib/catalog/app-token-snippets';

/** Copy-ready ways for a workload to get a token for this API with its own identity. */
export function AppTokenSnippets({ snippets, apiName }: { snippets: AppTokenSnippet[]; apiName: string }) {
  if (snippets.length === 0) return null;
  return (
    <section aria-label="Call it as an application" className="mt-8">
      <h2 className="mb-1 text-lg font-semibold">Call {apiName} as an application</h2>
      <p className="mb-3 text-sm supporting-text">
        A service calls with its own client-credentials (or managed identity) token; the app roles granted to its service principal arrive
        in the token’s <code>roles</code> claim. Roleport never holds your application’s secret: run these where the workload runs.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {snippets.map((s) => (
          <figure key={s.id} data-testid="app-token-snippet" data-snippet={s.id} className="min-w-0">
            <figcaption className="mb-1 text-sm font-medium">{s.label}</figcaption>
            {/* Focusable, so a keyboard can scroll a long line into view. */}
            <pre
              tabIndex={0}
              role="region"
              aria-label={`${s.label} snippet`}
              className="select-all overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100"
            >
              <code>{s.code}</code>
            </pre>
          </figure>
        ))}
      </div>
    </section>
  );
}
