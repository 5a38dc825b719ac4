import { Table } from '@/components/ui/table';
import type { IndexedOperation } from '@/lib/catalog/catalog-types';

/** An operation's parameters, folded away until asked for; a star marks the required ones. */
export function ParametersTable({ operation }: { operation: IndexedOperation }) {
  if (operation.parameters.length === 0) return null;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer supporting-text">{operation.parameters.length} parameters</summary>
      <Table
        caption={`Parameters of ${operation.displayName}`}
        columns={[{ label: 'Name' }, { label: 'In' }, { label: 'Type' }, { label: 'Description' }]}
        density="compact"
        className="mt-2"
        rules
      >
        {operation.parameters.map((p) => (
          <tr key={`${p.in}:${p.name}`}>
            <td className="font-mono">
              {p.name}
              {p.required ? <span className="text-rose-600">*</span> : null}
            </td>
            <td>{p.in}</td>
            <td>{p.type}</td>
            <td>{p.description}</td>
          </tr>
        ))}
      </Table>
    </details>
  );
}
