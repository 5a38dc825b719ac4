'use server';

import { z } from '@/lib/validation/zod';
import { addAppRole } from '@/lib/policy-studio/add-app-role';
import { applyRoleMap } from '@/lib/policy-studio/apply-role-map';
import type { ApplyOutcome } from '@/lib/policy-studio/studio-types';
import { findPreviewUsers, previewUserAccess } from '@/lib/policy-studio/preview-user-access';
import { previewRoleMap } from '@/lib/policy-studio/preview-plan';
import {
  applyInputSchema,
  type ApplyInput,
  newAppRoleSchema,
  previewInputSchema,
  userPreviewSchema,
} from '@/lib/policy-studio/role-map-schema';
import { rollbackBatch } from '@/lib/policy-studio/rollback-batch';
import { defineAction } from '@/lib/server/define-action';

const pagePath = (apiId: string) => `/admin/apis/${encodeURIComponent(apiId)}/policy`;

// Graph refuses control characters and unpaired surrogates in $search; say so instead of failing the call.
const UNSEARCHABLE = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const previewRoleMapAction = defineAction({ auth: 'admin', input: previewInputSchema }, async (input, { user, db }) =>
  previewRoleMap(db, user, input),
);

export const applyRoleMapAction = defineAction(
  {
    auth: 'admin',
    input: applyInputSchema,
    revalidate: (input: ApplyInput, applied: ApplyOutcome) => (applied.written.length > 0 ? [pagePath(input.apiId)] : []),
  },
  async (input, { user, db }) => applyRoleMap(db, user, input),
);

export const rollbackPolicyAction = defineAction(
  {
    auth: 'admin',
    input: z.tuple([z.unknown(), z.string().min(1)]),
    invalidInput: 'Choose a change to roll back.',
    revalidate: ([apiId]) => (typeof apiId === 'string' ? [pagePath(apiId)] : []),
  },
  async ([, batchId], { user, db }) => rollbackBatch(db, user, batchId),
);

export const addAppRoleAction = defineAction(
  { auth: 'admin', input: newAppRoleSchema, fieldIssues: true, revalidate: (input) => [pagePath(input.apiId)] },
  async (input, { user, db }) => addAppRole(db, user, input),
);

export const findPreviewUsersAction = defineAction(
  {
    auth: 'admin',
    input: z.tuple([
      z.unknown().transform(String),
      z
        .unknown()
        .transform((text) => String(text ?? '').slice(0, 100))
        .refine((text) => !UNSEARCHABLE.test(text), 'Search with plain text only.'),
    ]),
  },
  async ([apiId, search], { user, db }) => findPreviewUsers(db, user, apiId, search),
);

export const previewUserAccessAction = defineAction({ auth: 'admin', input: userPreviewSchema }, async (input, { user, db }) =>
  previewUserAccess(db, user, input),
);
