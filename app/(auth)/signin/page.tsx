import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/session';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { getConfig } from '@/lib/env';
import { SignInButton } from './sign-in-button';

export const metadata = { title: 'Sign in' };

const MESSAGES: Record<string, string> = {
  expired: 'Your session ended. Sign in again to continue.',
  OAuthCallback: 'Sign-in did not complete. Try again.',
  Callback: 'Sign-in did not complete. Try again.',
  AccessDenied: 'Access was denied.',
};

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl, new URL(getConfig().publicUrl).origin);
  if (await getCurrentUser()) redirect(callbackUrl);
  const reason = typeof params.reason === 'string' ? params.reason : typeof params.error === 'string' ? params.error : undefined;
  const message = reason ? (MESSAGES[reason] ?? 'Sign-in did not complete. Try again.') : undefined;
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 mb-6 text-sm supporting-text">Use your organization&apos;s Microsoft Entra account.</p>
      {message ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {message}
        </p>
      ) : null}
      <SignInButton callbackUrl={callbackUrl} />
    </>
  );
}
