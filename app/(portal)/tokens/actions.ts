'use server';

import { requireUser } from '@/lib/auth/session';
import { diagnosePastedToken } from '@/lib/doctor/token-doctor';
import { tokenDoctorSchema } from '@/lib/doctor/token-doctor-schema';
import { db } from '@/lib/db/portal-database';
import { runAction, UserFacingError } from '@/lib/errors/user-facing-error';
import { enforceRateLimit } from '@/lib/rate-limit/enforce-rate-limit';

export async function diagnoseTokenAction(input: unknown) {
  const user = await requireUser();
  return runAction(async () => {
    await enforceRateLimit(await db(), 'token-doctor', user.oid);
    const parsed = tokenDoctorSchema.safeParse(input);
    if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The form is not valid.');
    return diagnosePastedToken(user, parsed.data);
  });
}
