/** The outcome of an action, announced to screen readers; the text is the domain's message, shown as text. */
export function ActionMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return (
    <p
      role={message.ok ? 'status' : 'alert'}
      data-testid="action-message"
      className={`mt-2 text-sm ${message.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-rose-700 dark:text-rose-400'}`}
    >
      {message.text}
    </p>
  );
}
