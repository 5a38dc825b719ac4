'use server';

import { diagnosePastedToken } from '@/lib/doctor/token-doctor';
import { tokenDoctorSchema } from '@/lib/doctor/token-doctor-schema';
import { defineAction } from '@/lib/server/define-action';

export const diagnoseTokenAction = defineAction(
  { auth: 'user', rateLimit: 'token-doctor', input: tokenDoctorSchema, fieldIssues: true },
  async (input, { user }) => diagnosePastedToken(user, input),
);
