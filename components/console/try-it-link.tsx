import Link from 'next/link';

/** "Try it" for an operation listed on an API page: opens the console on that operation. */
export function TryItLink({ apiId, operationId }: { apiId: string; operationId: string }) {
  return (
    <Link
      href={`/console?api=${encodeURIComponent(apiId)}&operation=${encodeURIComponent(operationId)}`}
      data-testid="try-it"
      className="ml-auto text-xs font-medium text-brand-700 hover:underline dark:text-brand-100"
    >
      Try it
    </Link>
  );
}
