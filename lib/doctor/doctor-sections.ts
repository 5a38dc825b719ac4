import type { IndexedApi } from '@/lib/catalog/catalog-types';
import type { ConfigCheck, ConfigFinding } from '@/lib/config-rules/config-finding';

// The configuration doctor's view of the configuration rules: whether sign-in and each API's token validation are
// wired up, passes included, one section per subject.

export interface ConfigDoctorSection {
  subject: string;
  findings: ConfigFinding[];
}

const PORTAL_SECTION = 'Portal app registration';

/** The rules the doctor shows for each API, in the order of its section. */
export const DOCTOR_API_CHECKS: ConfigCheck[] = ['openid-config', 'audience', 'app-mapped', 'required-role'];

/**
 * The portal registration's section, then one per API whose operations validate tokens (the rest have nothing for
 * sign-in to get wrong; the drift report names them), each ending with whether the console can call the API.
 */
export function doctorSections(
  findings: ConfigFinding[],
  apis: Pick<IndexedApi, 'id' | 'displayName' | 'appId' | 'access'>[],
  consoleReach: ReadonlyMap<string, ConfigFinding> = new Map(),
): ConfigDoctorSection[] {
  const portal = findings.filter((f) => f.check === 'portal-redirect');
  const sections: ConfigDoctorSection[] = portal.length ? [{ subject: PORTAL_SECTION, findings: portal }] : [];
  for (const api of apis.filter((a) => a.access.tokenValidation !== 'none')) {
    const reach = api.appId ? consoleReach.get(api.appId) : undefined;
    sections.push({
      subject: api.displayName,
      findings: [
        ...DOCTOR_API_CHECKS.flatMap((check) => findings.filter((f) => f.apiId === api.id && f.check === check)),
        ...(reach ? [reach] : []),
      ],
    });
  }
  return sections;
}
