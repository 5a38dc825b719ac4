import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'My access' };

export default async function MyAccessPage() {
  const user = await requireUser();
  return (
    <>
      <PageHeader title="My access" description={`The Entra app roles ${user.name} holds, per API.`} />
      <EmptyState title="No roles yet">Browse the APIs to see what each operation needs and request access.</EmptyState>
    </>
  );
}
