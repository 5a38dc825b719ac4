import 'server-only';
import type { PortalUser } from '@/lib/auth/session';
import { listIndexedApis, listIndexedOperations } from '@/lib/catalog/read-index';
import { db } from '@/lib/db/portal-database';
import { diagnoseForUser, type UserDiagnosis } from './diagnose-for-user';
import type { TokenDoctorInput } from './token-doctor-schema';

export interface DoctorChoice {
  id: string;
  displayName: string;
  operations: { id: string; label: string }[];
}

/** The APIs and operations a token can be checked against, from the index. */
export async function loadDoctorChoices(): Promise<DoctorChoice[]> {
  const database = await db();
  const apis = await listIndexedApis(database);
  return Promise.all(
    apis.map(async (api) => ({
      id: api.id,
      displayName: api.displayName,
      operations: (await listIndexedOperations(database, api.id)).map((op) => ({
        id: op.id,
        label: `${op.method} ${op.urlTemplate} — ${op.displayName}`,
      })),
    })),
  );
}

/** A pasted token, checked against the chosen API and operation (both optional). */
export async function diagnosePastedToken(user: PortalUser, input: TokenDoctorInput): Promise<UserDiagnosis> {
  return diagnoseForUser(await db(), user.oid, input.token, {
    apiId: input.apiId || undefined,
    operationId: input.operationId || undefined,
  });
}
