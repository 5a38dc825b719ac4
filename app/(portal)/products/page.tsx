import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table } from '@/components/ui/table';
import { requireUser } from '@/lib/auth/session';
import { loadProductsPage } from '@/lib/provisioning/load-products-page';
import { ProductState } from './product-state';

export const metadata = { title: 'Products' };

export default async function ProductsPage() {
  const user = await requireUser();
  const products = await loadProductsPage(user);
  return (
    <>
      <PageHeader
        title="Products"
        description="API Management products group APIs behind one subscription key. Subscribe to get a key; some products need an approver first."
      />
      {products.length === 0 ? (
        <EmptyState title="No products yet">The catalog lists products once the first sync of API Management finishes.</EmptyState>
      ) : (
        <Table
          caption="Products"
          columns={[
            { label: 'Product' },
            { label: 'APIs' },
            { label: 'Subscription' },
            { label: 'Approval' },
            { label: 'Terms' },
            { label: 'You' },
          ]}
        >
          {products.map((p) => (
            <tr key={p.id} data-testid={`product-${p.id}`}>
              <td>
                <Link href={`/products/${encodeURIComponent(p.id)}`} className="font-medium">
                  {p.displayName}
                </Link>
                {p.published ? null : <span className="ml-2 text-xs muted">(not published)</span>}
                <p className="text-xs supporting-text">{p.description}</p>
              </td>
              <td>{p.apis.map((a) => a.displayName).join(', ') || '—'}</td>
              <td>{p.subscriptionRequired ? 'required' : 'not required'}</td>
              <td>{p.subscriptionRequired ? (p.approvalRequired ? 'needs approval' : 'granted at once') : '—'}</td>
              <td>{p.terms ? 'yes' : 'none'}</td>
              <td>{p.subscriptionRequired ? <ProductState state={p.myState} /> : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
