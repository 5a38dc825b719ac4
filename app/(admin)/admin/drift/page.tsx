import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from '@/lib/auth/session';
import type { ConfigFinding } from '@/lib/config-rules/config-finding';
import { loadDriftReport } from '@/lib/drift/load-drift-report';
import { driftSections } from '@/lib/drift/select-drift';
import { plural } from '@/lib/text/plural';

export const metadata = { title: 'Drift' };

const SEVERITY = {
  high: 'bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-300',
  medium: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  low: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
} as const;

function Finding({ finding }: { finding: ConfigFinding }) {
  const severity = finding.severity ?? 'low';
  const operations = finding.operations ?? [];
  return (
    <li className="p-3" data-check={finding.check} data-api={finding.apiId ?? ''}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="text-xs font-semibold muted">{finding.subject}</p>
          <p className="font-medium">
            <span className={`mr-2 rounded px-1.5 py-0.5 text-xs ${SEVERITY[severity]}`}>{severity}</span>
            {finding.title}
          </p>
          <p className="mt-1 text-sm supporting-text">{finding.detail}</p>
          {operations.length > 0 ? <p className="mt-1 font-mono text-xs muted">{operations.join(', ')}</p> : null}
        </div>
        {finding.link ? (
          <Link href={finding.link.href} className="shrink-0 text-sm text-brand-700 hover:underline dark:text-brand-100">
            {finding.link.label}
          </Link>
        ) : null}
      </div>
    </li>
  );
}

export default async function DriftPage() {
  const actor = await requireAdmin();
  const report = await loadDriftReport(actor);
  const groups = driftSections(report.findings);
  return (
    <>
      <PageHeader
        title="Drift"
        description={`Where the policies in API Management and the app registrations in Entra disagree, across ${plural(report.apiCount, 'API')} and ${plural(report.appCount, 'app registration')}. Read from the catalog index${report.oldestSync ? `; the oldest API was read ${new Date(report.oldestSync).toUTCString()}` : ''}.`}
      />
      {groups.length === 0 ? (
        <EmptyState title="No drift found">
          The policies and the app registrations agree. This report follows the catalog index; refresh the catalog after changing either.
        </EmptyState>
      ) : (
        groups.map((group) => (
          <section key={group.check} aria-label={group.heading} className="mb-8">
            <h2 className="mb-2 text-lg font-semibold">
              {group.heading} <span className="text-sm font-normal muted">({group.findings.length})</span>
            </h2>
            <ul className="list-panel">
              {group.findings.map((finding) => (
                <Finding key={finding.id} finding={finding} />
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
