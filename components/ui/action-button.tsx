'use client';

import { ActionMessage } from './action-message';
import { Button, type ButtonProps } from './button';
import { cx } from './cx';
import { useActionRunner, type RunOptions } from './use-action-runner';

type ActionResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ActionButtonProps<T> extends Omit<ButtonProps, 'onClick' | 'children'>, RunOptions<T> {
  action: () => Promise<ActionResult<T>>;
  children: React.ReactNode;
  /** The label while the action runs; the button is disabled meanwhile. */
  pendingLabel?: React.ReactNode;
  /** `end` right-aligns button and message, for a page header. */
  align?: 'start' | 'end';
}

/** One button that runs one server action, shows that it is running, and announces the outcome beside it. */
export function ActionButton<T>({
  action,
  children,
  pendingLabel,
  align = 'start',
  describe,
  navigateTo,
  refresh,
  onSuccess,
  disabled,
  ...button
}: ActionButtonProps<T>) {
  const { message, pending, run } = useActionRunner();
  return (
    <div className={align === 'end' ? 'flex flex-col items-end gap-1' : undefined}>
      <Button {...button} disabled={pending || disabled} onClick={() => run(action, { describe, navigateTo, refresh, onSuccess })}>
        {pending && pendingLabel ? pendingLabel : children}
      </Button>
      <ActionMessage message={message} className={cx(align === 'end' && 'max-w-xs text-right')} />
    </div>
  );
}
