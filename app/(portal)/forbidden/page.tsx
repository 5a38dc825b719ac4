import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'Not allowed' };

export default async function ForbiddenPage() {
  await requireUser();
  return (
    <div className="mx-auto max-w-lg text-center">
      <h1 className="text-2xl font-semibold">This page is for portal admins</h1>
      <p className="mt-2 text-sm supporting-text">
        It needs the <code>Portal.Admin</code> app role on Roleport&apos;s app registration.
      </p>
      <Link href="/" className="mt-4 inline-block text-brand-600 hover:underline dark:text-brand-300">
        Back to my access
      </Link>
    </div>
  );
}
