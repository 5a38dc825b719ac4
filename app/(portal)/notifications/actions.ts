'use server';

import { z } from '@/lib/validation/zod';
import { markRead } from '@/lib/notifications/notification-inbox';
import { savePreferences } from '@/lib/notifications/notification-preferences';
import { preferencesSchema } from '@/lib/notifications/preferences-schema';
import { defineAction } from '@/lib/server/define-action';

/** Marks one of the user's bell items read, or all of them ('all'). */
export const markNotificationsReadAction = defineAction(
  {
    auth: 'user',
    input: z.tuple([z.union([z.literal('all'), z.uuid()])]),
    invalidInput: 'Choose a notification to mark as read.',
    revalidate: [{ path: '/', type: 'layout' }],
  },
  async ([target], { user, db }) => {
    const count = await markRead(db, user.oid, target);
    return count === 1 ? 'Marked as read.' : `Marked ${count} notifications as read.`;
  },
);

/** Stores what the user wants to be told about, per kind and channel. */
export const saveNotificationPreferencesAction = defineAction(
  {
    auth: 'user',
    input: preferencesSchema,
    invalidInput: 'The notification choices are not valid. Reload the page and choose again.',
    revalidate: ['/notifications'],
  },
  async (preferences, { user, db }) => {
    await savePreferences(db, user.oid, preferences);
    return 'Your choices are saved.';
  },
);
