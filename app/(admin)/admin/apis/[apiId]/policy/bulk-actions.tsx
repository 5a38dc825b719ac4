'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, type FieldControlProps } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { RoleMapOperation } from '@/lib/policy-studio/load-role-map';
import type { RoleMap } from '@/lib/policy-studio/studio-types';

const READ_METHODS = ['GET', 'HEAD'];

/** A small control of the bulk bar, named by what it changes and bound to one piece of state. */
const bound = (control: FieldControlProps, name: string, value: string, set: (value: string) => void) => ({
  ...control,
  size: 'sm' as const,
  'aria-label': name,
  value,
  onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(e.target.value),
});

/** Grant or remove one role on many operations at once: by method, by URL prefix, or every read operation. */
export function BulkActions(props: {
  operations: RoleMapOperation[];
  roles: string[];
  onChange: (update: (map: RoleMap) => RoleMap) => void;
}) {
  const methods = [...new Set(props.operations.map((op) => op.method))].sort();
  const [target, setTarget] = useState('read');
  const [prefix, setPrefix] = useState('/');
  const [role, setRole] = useState(props.roles[0] ?? '');

  const selected = () =>
    props.operations.filter((op) =>
      target === 'read'
        ? READ_METHODS.includes(op.method)
        : target === 'prefix'
          ? op.urlTemplate.startsWith(prefix)
          : op.method === target.slice('method:'.length),
    );
  const apply = (grant: boolean) => {
    const ids = new Set(selected().map((op) => op.id));
    props.onChange((map) =>
      Object.fromEntries(
        Object.entries(map).map(([id, roles]) => [
          id,
          !ids.has(id) ? roles : grant ? [...new Set([...roles, role])] : roles.filter((r) => r !== role),
        ]),
      ),
    );
  };
  return (
    <fieldset className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
      <legend className="px-1 text-xs font-medium muted">Bulk change</legend>
      <Field label="Operations" labelSize="xs">
        {(control) => (
          <Select {...bound(control, 'Operations to change', target, setTarget)}>
            <option value="read">All read operations (GET/HEAD)</option>
            {methods.map((m) => (
              <option key={m} value={`method:${m}`}>
                Method {m}
              </option>
            ))}
            <option value="prefix">URL prefix…</option>
          </Select>
        )}
      </Field>
      {target === 'prefix' ? (
        <Field label="URL prefix" labelSize="xs">
          {(control) => <Input {...bound(control, 'URL prefix', prefix, setPrefix)} className="font-mono" />}
        </Field>
      ) : null}
      <Field label="Role" labelSize="xs">
        {(control) => (
          <Select {...bound(control, 'Role to change', role, setRole)} className="font-mono">
            {props.roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </Select>
        )}
      </Field>
      <span className="text-xs muted">{selected().length} operations</span>
      <Button disabled={!role} onClick={() => apply(true)}>
        Allow role
      </Button>
      <Button disabled={!role} onClick={() => apply(false)}>
        Remove role
      </Button>
    </fieldset>
  );
}
