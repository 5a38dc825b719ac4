import { ButtonLink } from '@/components/ui/button-link';

export const metadata = { title: 'Signed out' };

export default function SignedOutPage() {
  return (
    <>
      <h1 className="text-xl font-semibold">You are signed out</h1>
      <p className="mt-1 mb-6 text-sm supporting-text">Your Roleport and Microsoft sessions have ended.</p>
      <ButtonLink href="/signin" size="lg" className="w-full">
        Sign in again
      </ButtonLink>
    </>
  );
}
