import 'server-only';
import type { Kysely } from 'kysely';
import type { PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import type { Database } from '@/lib/db/types';
import { countPendingForApprover, isApprover } from './list-approval-queue';

/** Whether the navigation shows Approvals, and the number on its badge. */
export async function loadApproverNav(user: PortalUser, database?: Kysely<Database>) {
  const conn = database ?? (await db());
  const approver = await isApprover(conn, user);
  return { isApprover: approver, pendingApprovals: approver ? await countPendingForApprover(conn, user) : 0 };
}
