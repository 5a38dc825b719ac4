import type { ProductApproversRow } from '@/lib/approvals/list-product-approvers';
import { ProductApproverForm } from './product-approver-form';

/** Who approves subscriptions to each product that needs approval: portal admins, and the product's Entra group if set. */
export function ProductApproversSection({ products }: { products: ProductApproversRow[] }) {
  if (products.length === 0) return null;
  return (
    <section aria-labelledby="product-approvers" data-testid="product-approvers" className="mb-8 panel">
      <h2 id="product-approvers" className="text-base font-semibold">
        Product subscriptions
      </h2>
      <p className="mb-3 text-sm supporting-text">
        Who approves requests for a subscription to a product that needs approval: portal admins, and the direct members of the Entra group
        named here. Nobody approves their own request.
      </p>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {products.map(({ product, group }) => (
          <li key={product.id} data-testid="product-approver" data-product-id={product.id} className="py-3">
            <p className="mb-2 text-sm">
              <span className="font-semibold">{product.displayName}</span>
              {product.published ? '' : ' (not published)'}:{' '}
              <span data-testid="product-approver-summary">{group ? `portal admins and members of ${group.name}` : 'portal admins'}</span>
            </p>
            <ProductApproverForm productId={product.id} productName={product.displayName} groupId={group?.id ?? ''} />
          </li>
        ))}
      </ul>
    </section>
  );
}
