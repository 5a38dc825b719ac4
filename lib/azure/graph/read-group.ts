import 'server-only';
import { graphClient } from './client';
import { isNotFound } from './role-assignments';

/** The group's id and display name, or null when Entra has no group with that id (Graph's 404). */
export async function readGroup(groupId: string): Promise<{ id: string; displayName: string } | null> {
  try {
    const group = (await graphClient()
      .api(`/groups/${encodeURIComponent(groupId)}?$select=id,displayName`)
      .get()) as Record<string, unknown>;
    return { id: String(group.id ?? groupId), displayName: String(group.displayName ?? groupId) };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
