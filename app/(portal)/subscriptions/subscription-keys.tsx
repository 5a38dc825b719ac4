'use client';

import { useState } from 'react';
import { ActionMessage } from '@/components/ui/action-message';
import { Button } from '@/components/ui/button';
import { useActionRunner } from '@/components/ui/use-action-runner';
import { cancelSubscriptionAction, regenerateKeyAction, revealKeysAction } from './actions';

const MASK = '•'.repeat(32);

/** Masked keys with reveal (held in this component's state only), copy, regenerate and cancel. */
export function SubscriptionKeys({ subscriptionId, productName }: { subscriptionId: string; productName: string }) {
  const [keys, setKeys] = useState<{ primaryKey: string; secondaryKey: string } | null>(null);
  const [copied, setCopied] = useState<'primary' | 'secondary' | null>(null);
  const { message, pending, run, fail } = useActionRunner();
  const reveal = () => run(() => revealKeysAction(subscriptionId), { describe: () => null, refresh: false, onSuccess: setKeys });
  const regenerate = (which: 'primary' | 'secondary') => run(() => regenerateKeyAction(subscriptionId, which), { onSuccess: () => hide() });
  const hide = () => {
    setKeys(null);
    setCopied(null);
  };
  const copy = async (key: string, which: 'primary' | 'secondary') => {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(which);
    } catch {
      setCopied(null);
      fail('The browser did not allow copying; select the key and copy it by hand.');
    }
  };
  const row = (label: string, key: string | undefined, which: 'primary' | 'secondary') => (
    <div className="flex flex-wrap items-center gap-2">
      <span className="w-20 muted">{label}</span>
      <code className="font-mono" data-testid={`${which}-key`}>
        {key ?? MASK}
      </code>
      {key ? (
        <Button
          size="sm"
          variant="secondary"
          aria-label={copied === which ? `Copied the ${which} key` : `Copy the ${which} key`}
          onClick={() => copy(key, which)}
        >
          {copied === which ? 'Copied' : 'Copy'}
        </Button>
      ) : null}
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => regenerate(which)}>
        Regenerate {which}
      </Button>
    </div>
  );
  return (
    <div className="space-y-2 text-sm">
      {row('Primary', keys?.primaryKey, 'primary')}
      {row('Secondary', keys?.secondaryKey, 'secondary')}
      <div className="flex gap-2">
        {keys ? (
          <Button size="sm" variant="secondary" onClick={hide}>
            Hide keys
          </Button>
        ) : (
          <Button size="sm" disabled={pending} onClick={reveal}>
            Reveal keys
          </Button>
        )}
        <Button
          size="sm"
          variant="danger-outline"
          disabled={pending}
          aria-label={`Cancel the subscription to ${productName}`}
          onClick={() => run(() => cancelSubscriptionAction(subscriptionId))}
        >
          Cancel subscription
        </Button>
      </div>
      <p aria-live="polite" data-testid="copied-state" className="text-xs success-text">
        {copied ? `The ${copied} key is on your clipboard.` : ''}
      </p>
      <ActionMessage message={message} />
    </div>
  );
}
