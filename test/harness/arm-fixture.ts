// The emulator with the real ARM SDK signed in as the operator, and helpers to read the SDK's raw answers.
import type { ApiManagementClient } from '@azure/arm-apimanagement';
import type { ClientSecretCredential } from '@azure/identity';
import type { FullOperationResponse } from '@azure/core-client';
import { RestError } from '@azure/core-rest-pipeline';
import { startEmulator, type RunningEmulator } from '@/emulator/start';
import { APIM } from '@/emulator/seed/demo-tenant';
import { operatorArmClient } from '@/scripts/bench/operator-arm-client';
import { rejectionOf } from './rejection';

export const RG = APIM.resourceGroup;
export const SVC = APIM.serviceName;

export interface ArmFixture {
  emulator: RunningEmulator;
  client: ApiManagementClient;
  credential: ClientSecretCredential;
  /** Service ARM path, e.g. /subscriptions/…/service/contoso-apim. */
  servicePath: string;
  /** A raw HTTPS call to the ARM surface with the portal's management token. */
  armFetch(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real emulator, and the real SDK pointed at it as the portal does — signed in as the operator identity
 * (Contributor on the service), since these tests also make the writes an operator makes.
 */
export async function startArmFixture(): Promise<ArmFixture> {
  const emulator = await startEmulator({ ports: { entra: 0, graph: 0, arm: 0, gateway: 0 } });
  const { credential, client } = operatorArmClient(emulator);
  const servicePath = `/subscriptions/${APIM.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.ApiManagement/service/${SVC}`;
  return {
    emulator,
    client,
    credential,
    servicePath,
    async armFetch(path, init = {}) {
      const { token: given, ...rest } = init;
      const token = given === undefined ? (await credential.getToken('https://management.azure.com/.default')).token : given;
      const headers = new Headers(rest.headers);
      if (token) headers.set('Authorization', `Bearer ${token}`);
      return fetch(emulator.urls.armEndpoint + path, { ...rest, headers });
    },
    stop: () => emulator.stop(),
  };
}

/** Collects the raw JSON bodies the SDK received, so shapes are checked on the wire format, not the SDK's models. */
export function captureBodies() {
  const bodies: unknown[] = [];
  return {
    bodies,
    options: {
      onResponse: (response: FullOperationResponse) => {
        bodies.push(response.bodyAsText ? JSON.parse(response.bodyAsText) : undefined);
      },
    },
  };
}

export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

/** The RestError a call must fail with (the test fails if it succeeds or fails otherwise). */
export const restError = (promise: Promise<unknown>): Promise<RestError> => rejectionOf(promise, RestError);
