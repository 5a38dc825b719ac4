import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';

export const metadata = { title: 'APIs' };

export default async function ApisPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="APIs" description="Products and APIs published through Azure API Management." />
      <EmptyState title="The catalog is empty">No APIs have been indexed yet.</EmptyState>
    </>
  );
}
