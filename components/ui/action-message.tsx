import { cx } from './cx';

export interface ActionOutcome {
  ok: boolean;
  text: string;
}

/**
 * The outcome of an action, in a live region that is on the page before the message arrives, so screen readers
 * announce it when it does. The text is the domain's message, rendered as text.
 */
export function ActionMessage({ message, className }: { message: ActionOutcome | null; className?: string }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {message ? (
        <p
          role={message.ok ? undefined : 'alert'}
          data-testid="action-message"
          className={cx(
            'mt-2 text-sm',
            message.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400',
            className,
          )}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
