'use server';

import { z } from '@/lib/validation/zod';
import { refreshCatalog } from '@/lib/catalog/refresh-catalog';
import { defineAction } from '@/lib/server/define-action';

/** Refreshes one API (or, without an id, the whole catalog); refreshCatalog refuses what cannot be an API id. */
export const refreshCatalogAction = defineAction(
  {
    auth: 'admin',
    input: z.tuple([z.unknown().transform((apiId) => (typeof apiId === 'string' ? apiId : undefined))]),
    revalidate: [{ path: '/apis', type: 'layout' }],
  },
  async ([apiId], { user }) => refreshCatalog(user, apiId),
);
