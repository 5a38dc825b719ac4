// `npm run audit:verify FILE [--allow-gaps]`: verifies an exported audit CSV under the audit key from the
// configuration (AUDIT_HMAC_KEY, or the local key in .local/). Prints a verdict and the first bad row; exit 0 or 1.
import { readFileSync } from 'node:fs';
import nextEnv from '@next/env';
import { verifyAuditCsv } from '../lib/audit/verify-audit-csv';
import { auditHmacKey } from '../lib/env';

function main(): number {
  const args = process.argv.slice(2);
  const allowGaps = args.includes('--allow-gaps');
  const files = args.filter((arg) => !arg.startsWith('--'));
  if (files.length !== 1) {
    console.error('Usage: npm run audit:verify -- FILE [--allow-gaps]   (--allow-gaps for an export filtered by actor, action or date)');
    return 1;
  }
  const file = files[0] as string;
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`FAILED: cannot read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const report = verifyAuditCsv(csv, auditHmacKey(), { allowGaps });
  if (!report.ok) {
    const where = [report.line === null ? null : `line ${report.line}`, report.seq === null ? null : `event ${report.seq}`].filter(Boolean);
    console.log(`FAILED: ${file} does not verify.`);
    console.log(`First bad row: ${where.length > 0 ? where.join(', ') : '(none)'}: ${report.message}`);
    return 1;
  }
  const legacy =
    report.legacyThrough > 0
      ? ` Events up to ${report.legacyThrough} predate keyed hashing and are sealed by the keyed event after them.`
      : '';
  const gaps =
    report.gaps > 0
      ? ` The file skips events in ${report.gaps} place(s) (a filtered export); links across those gaps are not checked.`
      : '';
  console.log(
    `OK: ${file} holds ${report.events} events (${report.firstSeq}–${report.lastSeq}) that verify under the configured audit key.${legacy}${gaps}`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
