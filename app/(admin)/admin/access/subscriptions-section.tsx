import Link from 'next/link';
import { OutsideRoleportBadge } from '@/components/access/outside-roleport-badge';
import { Notice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import type { ProductHolders } from '@/lib/provisioning/list-subscription-holders';
import { SUBSCRIPTION_PAGE_SIZE } from '@/lib/provisioning/list-subscription-holders';
import { plural } from '@/lib/text/plural';

const when = (iso: string | null) => (iso ? new Date(iso).toUTCString() : '—');

/** Who holds a subscription to each product: Roleport's (linked to their request) and those made in APIM directly. */
export function SubscriptionsSection({
  sections,
  productCount,
  holderCount,
  page,
  ranAt,
  error,
  href,
}: {
  sections: ProductHolders[];
  productCount: number;
  holderCount: number;
  page: number;
  ranAt: string | null;
  error: string | null;
  href: (page: number) => string;
}) {
  return (
    <section aria-labelledby="product-subscriptions" data-testid="access-subscriptions" className="mb-10">
      <h2 id="product-subscriptions" className="mb-1 text-lg font-semibold">
        Product subscriptions
      </h2>
      <p className="mb-2 text-sm supporting-text" data-testid="subscription-count">
        {plural(holderCount, 'subscription')} across {plural(productCount, 'product')}, as API Management listed them at the last catalog
        sync{ranAt ? `; compared with Roleport’s requests ${when(ranAt)}` : ''}.
      </p>
      {error ? <Notice tone="warn">{error}</Notice> : null}
      {sections.map(({ product, holders }) => (
        <div key={product.id} data-testid="access-product" data-product-id={product.id} className="mb-6">
          <h3 className="mb-1 text-base font-semibold">
            <Link href={`/products/${encodeURIComponent(product.id)}`} className="hover:underline">
              {product.displayName}
            </Link>
          </h3>
          <Table
            caption={`Who holds a subscription to ${product.displayName}`}
            columns={[{ label: 'Who' }, { label: 'State' }, { label: 'Source' }, { label: 'Since' }]}
            className="text-sm"
            empty={holders.length === 0 ? 'Nobody holds a subscription to this product.' : null}
          >
            {holders.map((h) => (
              <tr
                key={h.subscriptionId ?? h.requestId}
                data-testid="subscription-holder"
                data-source={h.requestId ? 'roleport' : 'outside'}
              >
                <td>
                  {h.owner.name}
                  {h.owner.email && h.owner.email !== h.owner.name ? <span className="block text-xs muted">{h.owner.email}</span> : null}
                </td>
                <td data-testid="holder-state">{h.state}</td>
                <td>
                  {h.requestId ? (
                    <Link href={`/requests/${encodeURIComponent(h.requestId)}`} className="hover:underline">
                      Roleport
                    </Link>
                  ) : (
                    <OutsideRoleportBadge />
                  )}
                </td>
                <td>{when(h.createdAt)}</td>
              </tr>
            ))}
          </Table>
        </div>
      ))}
      <Pagination page={page} pageSize={SUBSCRIPTION_PAGE_SIZE} total={productCount} noun={['product', 'products']} href={href} />
    </section>
  );
}
