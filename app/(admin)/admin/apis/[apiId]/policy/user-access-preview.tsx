'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import type { PickableUser } from '@/lib/policy-studio/preview-user-access';
import type { RoleMap, UserAccessPreview as Preview } from '@/lib/policy-studio/studio-types';
import { findPreviewUsersAction, previewUserAccessAction } from './actions';
import { UserAccessTable } from './user-access-table';

/** Which operations one user's current roles (direct and through groups) pass now and under the edited map. */
export function UserAccessPreview({ apiId, map }: { apiId: string; map: RoleMap }) {
  const [text, setText] = useState('');
  const [users, setUsers] = useState<PickableUser[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const search = (query: string) =>
    startTransition(async () => {
      setError(null);
      const result = await findPreviewUsersAction(apiId, query);
      if (result.ok) setUsers(result.value);
      else setError(result.error);
    });
  const pick = (userId: string) =>
    startTransition(async () => {
      setError(null);
      const result = await previewUserAccessAction({ apiId, userId, map });
      if (result.ok) setPreview(result.value);
      else setError(result.error);
    });

  return (
    <section aria-label="Preview as a user" className="mt-8">
      <h2 className="mb-2 text-lg font-semibold">Preview as a user</h2>
      <form
        className="mb-3 flex flex-wrap gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          search(text);
        }}
      >
        <Input
          size="sm"
          aria-label="User name or UPN"
          placeholder="Name or UPN starts with…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Searching…' : 'Search users'}
        </Button>
        <Button disabled={pending} onClick={() => search('')}>
          People holding a role
        </Button>
      </form>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {users ? (
        users.length === 0 ? (
          <p className="text-sm muted">Nobody found.</p>
        ) : (
          <ul className="mb-4 flex flex-wrap gap-2">
            {users.map((u) => (
              <li key={u.id}>
                <Button onClick={() => pick(u.id)}>
                  {u.displayName}
                  {u.userPrincipalName ? <span className="ml-1 text-xs muted">{u.userPrincipalName}</span> : null}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {preview ? <UserAccessTable preview={preview} /> : null}
    </section>
  );
}
