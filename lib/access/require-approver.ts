import 'server-only';
import { redirect } from 'next/navigation';
import { requireUser, type PortalUser } from '@/lib/auth/session';
import { db } from '@/lib/db/portal-database';
import { isApprover } from './list-approval-queue';

/** Pages and actions of the approval queue: portal admins and app registration owners only. */
export async function requireApprover(): Promise<PortalUser> {
  const user = await requireUser();
  if (!(await isApprover(await db(), user))) redirect('/forbidden');
  return user;
}
