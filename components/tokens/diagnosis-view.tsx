import { ButtonLink } from '@/components/ui/button-link';
import type { RequestAccessLink, TokenDiagnosis } from '@/lib/tokens/doctor-types';
import { JsonBlock } from './json-block';
import { StatusMark } from './status-mark';

const when = (seconds: unknown) => (typeof seconds === 'number' ? new Date(seconds * 1000).toUTCString() : null);

/** The doctor's verdict: summary, what to do, each check, and the decoded token. */
export function DiagnosisView({ diagnosis, requestAccess = [] }: { diagnosis: TokenDiagnosis; requestAccess?: RequestAccessLink[] }) {
  const { claims } = diagnosis;
  const valid = diagnosis.verdict === 'valid';
  return (
    <section aria-label="Token diagnosis" data-testid="token-diagnosis" className="flex flex-col gap-4">
      <p
        data-testid="diagnosis-summary"
        className={`rounded-md border px-4 py-3 text-sm font-medium ${valid ? 'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' : 'border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200'}`}
      >
        {diagnosis.summary}
      </p>
      {diagnosis.diagnoses.length > 0 ? (
        <ul className="flex flex-col gap-3" aria-label="Diagnoses">
          {diagnosis.diagnoses.map((d, i) => (
            <li
              key={`${d.code}-${i}`}
              data-testid="diagnosis"
              data-code={d.code}
              className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <p className="font-semibold">{d.title}</p>
              <p className="mt-1 text-slate-700 dark:text-slate-300">{d.explanation}</p>
              <p className="mt-1">
                <span className="font-medium">Fix: </span>
                {d.fix}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {requestAccess.length > 0 ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {requestAccess.map((link) => (
            <ButtonLink key={`${link.forApp ?? ''}:${link.role}`} href={link.href} size="xs">
              {link.forApp ? 'Request for this app' : 'Request access'}: {link.role}
            </ButtonLink>
          ))}
        </div>
      ) : null}
      <ul
        className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
        aria-label="Checks"
      >
        {diagnosis.checks.map((check) => (
          <li key={check.id} data-testid="check" data-check={check.id} data-status={check.status} className="flex gap-3 p-2">
            <StatusMark status={check.status} />
            <div>
              <p className="font-medium">{check.label}</p>
              <p className="supporting-text">{check.detail}</p>
              {check.fix && check.status !== 'pass' ? <p className="text-slate-700 dark:text-slate-300">Fix: {check.fix}</p> : null}
            </div>
          </li>
        ))}
      </ul>
      {claims ? (
        <div className="grid gap-4 lg:grid-cols-[1fr_2fr]">
          <div>
            <h3 className="mb-1 text-sm font-semibold">Header</h3>
            <JsonBlock label="Token header" value={diagnosis.header} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">Claims</h3>
            {claims.exp ? (
              <p className="mb-1 text-xs muted">
                Issued {when(claims.iat) ?? '—'}, expires {when(claims.exp)}
              </p>
            ) : null}
            <JsonBlock label="Token claims" value={claims} />
          </div>
        </div>
      ) : null}
    </section>
  );
}
