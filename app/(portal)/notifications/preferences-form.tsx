'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { CHANNEL_LABELS, KIND_LABELS, NOTIFICATION_KINDS, PERSONAL_CHANNELS } from '@/lib/notifications/notification-kinds';
import type { NotificationPreferences } from '@/lib/notifications/notification-preferences';
import { saveNotificationPreferencesAction } from './actions';
import { HydrationGate } from '@/components/ui/hydration-gate';

export function PreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const [prefs, setPrefs] = useState(initial);
  const { message, pending, run } = useActionRunner();
  return (
    <form
      className="mt-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => saveNotificationPreferencesAction(prefs), { refresh: false });
      }}
    >
      <HydrationGate className="space-y-3">
        {NOTIFICATION_KINDS.map((kind) => (
          <fieldset
            key={kind}
            className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
            data-testid="notification-preference"
            data-kind={kind}
          >
            <legend className="px-1 text-sm font-medium">
              {KIND_LABELS[kind].title} <span className="font-normal muted">(to {KIND_LABELS[kind].who})</span>
            </legend>
            <div className="flex flex-wrap gap-6">
              {PERSONAL_CHANNELS.map((channel) => (
                <label key={channel} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={`${kind}.${channel}`}
                    checked={prefs[kind][channel]}
                    onChange={(e) => setPrefs({ ...prefs, [kind]: { ...prefs[kind], [channel]: e.target.checked } })}
                  />
                  {CHANNEL_LABELS[channel]}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save choices'}
          </Button>
          <ActionMessage message={message} />
        </div>
      </HydrationGate>
    </form>
  );
}
