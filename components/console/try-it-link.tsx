import Link from 'next/link';

/** "Try it" for an operation listed on an API page: opens the console on that operation. */
export function TryItLink({ apiId, operationId }: { apiId: string; operationId: string }) {
  return (
    <Link
      href={`/console?api=${encodeURIComponent(apiId)}&operation=${encodeURIComponent(operationId)}`}
      prefetch={false}
      data-testid="try-it"
      className="link ml-auto text-xs font-medium"
    >
      Try it
    </Link>
  );
}
