// Rule: the drift report and the configuration doctor are two views of one rule set: a broken invariant both check is one finding, shown by both.
import { describe, expect, it } from 'vitest';
import { DOCTOR_API_CHECKS, doctorSections } from '@/lib/doctor/doctor-sections';
import { DRIFT_SECTIONS, selectDrift } from '@/lib/drift/select-drift';
import { MISCONFIGURED_INDEX, api, app, jwt, op } from '@/test/harness/config-index-fixture';
import type { ConfigFinding } from './config-finding';
import type { ConfigRulesInput } from './config-rules-input';
import { runConfigRules } from './run-config-rules';

const views = (input: ConfigRulesInput) => {
  const findings = runConfigRules(input);
  const doctor = doctorSections(
    findings,
    input.apis.map((e) => e.api),
  );
  return { findings, drift: selectDrift(findings), doctor: doctor.flatMap((s) => s.findings) };
};

describe('one rule set, two views', () => {
  it('shows a single role the app does not define in both views, as the same finding', () => {
    const input: ConfigRulesInput = {
      ...MISCONFIGURED_INDEX,
      apps: [app('orders', 'api://orders', 2, ['Orders.Read'])],
      apis: [
        { api: api('orders', 'orders'), operations: [op('list', [jwt()], [['Orders.Read']]), op('purge', [jwt()], [['Orders.Purge']])] },
      ],
    };
    const { findings, drift, doctor } = views(input);
    expect(findings.filter((f) => f.status !== 'ok').map((f) => f.id)).toEqual(['role:orders:Orders.Purge']);
    const broken = findings.find((f) => f.id === 'role:orders:Orders.Purge');
    expect(drift).toEqual([broken]);
    expect(drift[0]).toBe(broken);
    expect(doctor.filter((f) => f.status !== 'ok')).toEqual([broken]);
    expect(doctor.find((f) => f.status !== 'ok')).toBe(broken);
  });

  it('agrees on every problem of the checks both show, for each API the doctor checks', () => {
    const { drift, doctor } = views(MISCONFIGURED_INDEX);
    const doctorApis = new Set(doctor.map((f) => f.apiId));
    const shared = (f: ConfigFinding) =>
      f.status !== 'ok' && f.check in DRIFT_SECTIONS && DOCTOR_API_CHECKS.includes(f.check) && doctorApis.has(f.apiId);
    const inDrift = drift.filter(shared);
    // orders: an undefined role; billing: another tenant's discovery document, an unknown audience, no mapped app.
    expect(inDrift.map((f) => f.id).sort()).toEqual(
      [
        'app-mapped:billing',
        'audience:billing:api://billing',
        `openid:billing:https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration`,
        'role:orders:Orders.Admin',
      ].sort(),
    );
    expect(doctor.filter(shared).sort((a, b) => a.id.localeCompare(b.id))).toEqual(inDrift.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it('keeps passes out of the drift report and each API’s checks in its own doctor section', () => {
    const { findings } = views(MISCONFIGURED_INDEX);
    expect(selectDrift(findings).every((f) => f.status !== 'ok')).toBe(true);
    const sections = doctorSections(
      findings,
      MISCONFIGURED_INDEX.apis.map((e) => e.api),
    );
    for (const section of sections) expect(new Set(section.findings.map((f) => f.subject))).toEqual(new Set([section.subject]));
  });
});
