// Groups a test adds to the emulated directory beside the seeded ones.
import type { Directory } from '@/emulator/directory/directory';

/** Adds a security group created now, with these direct members (object ids), to the emulated directory. */
export function addGroup(directory: Directory, group: { id: string; displayName: string; members?: Iterable<string> }): void {
  directory.groups.set(group.id, {
    id: group.id,
    displayName: group.displayName,
    description: null,
    mailNickname: group.displayName.toLowerCase().replace(/\s+/g, '-'),
    createdDateTime: new Date().toISOString(),
    members: new Set(group.members),
  });
}
