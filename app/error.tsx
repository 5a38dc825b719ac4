'use client';

import { Button } from '@/components/ui/button';
/** Shown for unexpected failures: a generic message and a reference, never the cause itself. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4 text-center">
      <div>
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm supporting-text">The page could not be shown. {error.digest ? `Reference: ${error.digest}.` : ''}</p>
        <Button variant="primary" size="md" onClick={reset} className="mt-4">
          Try again
        </Button>
      </div>
    </main>
  );
}
