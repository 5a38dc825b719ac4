import { USERS, type DemoUserKey } from '../../emulator/seed/demo-tenant';

export { USERS, type DemoUserKey };

export function displayNameOf(user: DemoUserKey): string {
  return USERS[user].displayName;
}
