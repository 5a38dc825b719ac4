import 'server-only';
import type { TenantDoctorReport } from './load-tenant-doctor';

const MARK = { ok: 'ok  ', warn: 'warn', error: 'FAIL' } as const;

/** The report for a terminal: each finding with its status, and for problems the detail and the fix. */
export function renderDoctorText(report: TenantDoctorReport): string {
  const lines: string[] = [];
  for (const section of report.sections) {
    lines.push(`\n${section.subject}`);
    for (const f of section.findings) {
      lines.push(`  [${MARK[f.status]}] ${f.title}`);
      if (f.status !== 'ok') {
        lines.push(`         ${f.detail.replace(/\n/g, '\n         ')}`);
        if (f.fix) lines.push(`         fix: ${f.fix}`);
        if (f.link) lines.push(`         ${f.link.label}: ${f.link.href}`);
      }
    }
  }
  const count = (s: 'error' | 'warn') => report.sections.flatMap((x) => x.findings).filter((f) => f.status === s).length;
  lines.push(
    '',
    report.healthy ? `Healthy (${count('warn')} warnings).` : `Not healthy: ${count('error')} problems, ${count('warn')} warnings.`,
  );
  return lines.join('\n');
}

/** The report for pipelines: every finding, flat, with its section. */
export function renderDoctorJson(report: TenantDoctorReport): string {
  return JSON.stringify(
    { healthy: report.healthy, findings: report.sections.flatMap((s) => s.findings.map((f) => ({ section: s.subject, ...f }))) },
    null,
    2,
  );
}
