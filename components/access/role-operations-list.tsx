import { MethodBadge } from '@/components/catalog/method-badge';
import type { RoleOperation } from '@/lib/requests/role-operations';

/** "What the role allows": the operations whose policy checks for it. */
export function RoleOperationsList({ operations, roleValue }: { operations: RoleOperation[]; roleValue: string }) {
  if (operations.length === 0) {
    return <p className="text-xs supporting-text">No operation of this API checks for {roleValue} in its policy.</p>;
  }
  return (
    <ul data-testid="role-allows" className="space-y-1 text-xs">
      {operations.map((op) => (
        <li key={op.id} className="operation-line">
          <MethodBadge method={op.method} />
          <span className="font-mono">{op.urlTemplate}</span>
          <span className="supporting-text">{op.displayName}</span>
          {op.alsoNeeds.length > 0 ? (
            <span className="warning-text">also needs {op.alsoNeeds.map((set) => set.join(' or ')).join(' and ')}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
