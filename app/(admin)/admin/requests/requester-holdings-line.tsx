import type { HeldRole } from '@/lib/directory/held-roles';

/** Whether approving adds to what the requester holds on this API or gives them their first role on it. */
export function RequesterHoldingsLine({ name, held }: { name: string; held: HeldRole[] | null }) {
  const text =
    held === null
      ? `What ${name} holds on this API could not be read from Entra just now.`
      : held.length === 0
        ? `${name} holds no role on this API yet.`
        : `${name} already holds ${held
            .map((h) => `${h.value} (${h.via === 'group' ? `through the group ${h.groupName ?? h.groupId}` : 'directly'})`)
            .join(', ')} on this API.`;
  return (
    <p className="mt-2 text-xs supporting-text" data-testid="requester-holds">
      {text}
    </p>
  );
}
