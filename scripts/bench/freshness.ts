// Freshness: an ARM write to an API, through Event Grid's delivery and Roleport's targeted refresh, until the API page
// shows it. Each sample times the PATCH request's start to the first page view that carries the new name.
import { APIM } from '../../emulator/seed/demo-tenant';
import type { RunningEmulator } from '../../emulator/start';
import type { HttpSession } from './http-session';
import { operatorArmClient } from './operator-arm-client';
import { percentile } from './numbers';

export interface FreshnessResult {
  samples: number[];
  p50: number;
  p95: number;
  /** Writes whose change had not shown when the sample gave up. */
  missed: number;
}

const GIVE_UP_MS = 30_000;

export async function measureFreshness(
  emulator: RunningEmulator,
  portalUrl: string,
  session: HttpSession,
  options: { writes: number; apiIds: string[] },
): Promise<FreshnessResult> {
  const { client: arm } = operatorArmClient(emulator);
  const samples: number[] = [];
  let missed = 0;
  for (let n = 0; n < options.writes; n++) {
    const apiId = options.apiIds[n % options.apiIds.length] as string;
    const name = `Fresh name ${n}-${Date.now()}`;
    const started = performance.now();
    await arm.api.update(APIM.resourceGroup, APIM.serviceName, apiId, '*', { displayName: name });
    let seen = false;
    while (!seen && performance.now() - started < GIVE_UP_MS) {
      const response = await session.request(`${portalUrl}/apis/${encodeURIComponent(apiId)}`);
      seen = (await response.text()).includes(name);
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (seen) samples.push(performance.now() - started);
    else missed++;
  }
  return { samples, p50: percentile(samples, 50), p95: percentile(samples, 95), missed };
}
