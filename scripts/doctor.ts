// `npm run doctor [-- --json]`: the configuration doctor against the configured tenant (the same environment as the
// portal): discovery, credential, every Graph permission and RBAC action tried, the catalog, redirect URI, policy
// audiences and console consent, each problem with its fix. Exit 0 when healthy (warnings allowed), 1 otherwise.
import nextEnv from '@next/env';
import { loadTenantDoctor } from '../lib/doctor/load-tenant-doctor';
import { renderDoctorJson, renderDoctorText } from '../lib/doctor/render-doctor-report';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  if (args.some((a) => a !== '--json')) {
    console.error('Usage: npm run doctor -- [--json]');
    return 1;
  }
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  try {
    const report = await loadTenantDoctor();
    console.log(json ? renderDoctorJson(report) : renderDoctorText(report));
    return report.healthy ? 0 : 1;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(json ? JSON.stringify({ healthy: false, error: message }) : `The doctor could not run: ${message}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
