import Link from 'next/link';

export const metadata = { title: 'Signed out' };

export default function SignedOutPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">You are signed out</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600 dark:text-slate-400">Your Roleport and Microsoft sessions have ended.</p>
      <Link
        href="/signin"
        className="block w-full rounded-md bg-brand-600 px-4 py-2.5 text-center text-sm font-semibold text-white hover:bg-brand-700"
      >
        Sign in again
      </Link>
    </>
  );
}
