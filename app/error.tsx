'use client';

/** Shown for unexpected failures: a generic message and a reference, never the cause itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4 text-center">
      <div>
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ''}
        </p>
        <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white">
          Try again
        </button>
      </div>
    </main>
  );
}
