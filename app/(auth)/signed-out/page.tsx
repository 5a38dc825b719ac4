import { buttonClass } from '@/components/ui/button-class';

export const metadata = { title: 'Signed out' };

export default function SignedOutPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">You are signed out</h1>
      <p className="mt-1 mb-6 text-sm supporting-text">Your Roleport and Microsoft sessions have ended.</p>
      {/* A plain link (sign-in starts with a full page load anyway), so this page loads no next/link code. */}
      <a href="/signin" className={buttonClass('primary', 'lg', 'w-full')}>
        Sign in again
      </a>
    </>
  );
}
