import type { FixLink } from '@/lib/errors/user-facing-error';

/** Why the console could not send the call, with the page that fixes it when there is one (e.g. admin consent). */
export function ConsoleError({ error }: { error: { message: string; link?: FixLink } }) {
  return (
    <p
      role="alert"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-200"
    >
      {error.message}
      {error.link ? (
        <>
          {' '}
          <a href={error.link.href} className="font-semibold underline" target="_blank" rel="noreferrer">
            {error.link.label}
          </a>
        </>
      ) : null}
    </p>
  );
}
