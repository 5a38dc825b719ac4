export default function NotFound() {
  // A plain link: next/link would put its client code on every route's first load, as this boundary is on each one.
  return (
    <main className="grid min-h-[60vh] place-items-center px-4 text-center">
      <div>
        <h1 className="text-2xl font-semibold">Not found</h1>
        <p className="mt-2 text-sm supporting-text">There is nothing at this address.</p>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load of the catalog is fine from a dead end */}
        <a href="/apis" className="mt-4 inline-block text-brand-600 hover:underline dark:text-brand-300">
          Browse APIs
        </a>
      </div>
    </main>
  );
}
