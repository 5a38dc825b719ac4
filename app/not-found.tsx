import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4 text-center">
      <div>
        <h1 className="text-2xl font-semibold">Not found</h1>
        <p className="mt-2 text-sm supporting-text">There is nothing at this address.</p>
        <Link href="/apis" className="mt-4 inline-block text-brand-600 hover:underline dark:text-brand-300">
          Browse APIs
        </Link>
      </div>
    </main>
  );
}
