import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { StatusMark } from '@/components/tokens/status-mark';
import { requireAdmin } from '@/lib/auth/session';
import type { ConfigDoctorSection } from '@/lib/doctor/doctor-sections';
import { loadConfigDoctor } from '@/lib/doctor/load-config-doctor';

export const metadata = { title: 'Configuration doctor' };

async function sectionsOrError(): Promise<{ sections: ConfigDoctorSection[]; error?: string }> {
  try {
    return { sections: await loadConfigDoctor() };
  } catch (error) {
    const reference = crypto.randomUUID().slice(0, 8);
    console.error(`[doctor ${reference}] the configuration doctor could not read the directory`, error);
    return {
      sections: [],
      error: `The checks could not read Microsoft Entra or the catalog (reference ${reference}). Reload to try again.`,
    };
  }
}

export default async function ConfigDoctorPage() {
  await requireAdmin();
  const { sections, error } = await sectionsOrError();
  const problems = sections.flatMap((s) => s.findings).filter((f) => f.status !== 'ok').length;
  return (
    <>
      <PageHeader
        title="Configuration doctor"
        description="Checks that sign-in and token validation are wired up: the portal's redirect URI, and for each API that its validate-jwt trusts this tenant, accepts a registered audience, requires roles that exist, and that the console may call it on behalf of users."
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!error ? (
        <Notice tone={problems === 0 ? 'success' : 'warn'}>
          {problems === 0 ? 'Every check passes.' : `${problems} finding${problems === 1 ? '' : 's'} need attention.`}
        </Notice>
      ) : null}
      <div className="flex flex-col gap-6">
        {sections.map((section) => (
          <section key={section.subject} aria-label={section.subject}>
            <h2 className="mb-2 text-lg font-semibold">{section.subject}</h2>
            {section.findings.length === 0 ? (
              <p className="text-sm muted">Nothing to check.</p>
            ) : (
              <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                {section.findings.map((finding) => (
                  <li key={finding.id} data-testid="finding" data-status={finding.status} className="flex gap-3 p-3">
                    <StatusMark status={finding.status} />
                    <div>
                      <p className="font-medium">{finding.title}</p>
                      <p className="break-words supporting-text">{finding.detail}</p>
                      {finding.fix ? <p className="mt-1 text-slate-700 dark:text-slate-300">Fix: {finding.fix}</p> : null}
                      {finding.link ? (
                        <a
                          href={finding.link.href}
                          className="mt-1 inline-block font-semibold text-brand-700 underline dark:text-brand-300"
                          {...(/^https?:/.test(finding.link.href) ? { target: '_blank', rel: 'noreferrer' } : {})}
                        >
                          {finding.link.label}
                        </a>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
