import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { requireUser } from '@/lib/auth/session';
import { routeParam } from '@/lib/http/route-param';
import { loadProductPage } from '@/lib/provisioning/load-products-page';
import { ProductState } from '../product-state';
import { SubscribeForm } from './subscribe-form';

type Params = Promise<{ productId: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: routeParam((await params).productId) };
}

export default async function ProductPage({ params }: { params: Params }) {
  const user = await requireUser();
  const data = await loadProductPage(user, routeParam((await params).productId));
  if (!data) notFound();
  const { product, mine } = data;
  const canSubscribe = product.published && product.subscriptionRequired && (product.myState === null || product.myState === 'failed');
  return (
    <>
      <PageHeader title={product.displayName} description={product.description} />
      {product.published ? null : <Notice tone="warn">This product is not published: developers cannot see or subscribe to it.</Notice>}
      <dl className="mb-6 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="muted">APIs</dt>
        <dd>
          {product.apis.length === 0
            ? '—'
            : product.apis.map((api, i) => (
                <span key={api.id}>
                  {i > 0 ? ', ' : null}
                  <Link href={`/apis/${encodeURIComponent(api.id)}`}>{api.displayName}</Link>
                </span>
              ))}
        </dd>
        <dt className="muted">Subscription</dt>
        <dd>
          {product.subscriptionRequired
            ? product.approvalRequired
              ? 'required; an approver decides each request'
              : 'required; granted at once'
            : 'not required: its APIs are called without a key'}
        </dd>
        {product.subscriptionsLimit !== null ? (
          <>
            <dt className="muted">Limit</dt>
            <dd>
              {product.subscriptionsLimit} subscription{product.subscriptionsLimit === 1 ? '' : 's'} per developer
            </dd>
          </>
        ) : null}
        {product.subscriptionRequired ? (
          <>
            <dt className="muted">You</dt>
            <dd>
              <ProductState state={product.myState} />
              {mine.some((s) => s.hasKeys) ? (
                <>
                  {' '}
                  — <Link href="/subscriptions">your keys</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      {product.terms ? (
        <section aria-label="Terms of use" className="mb-6 max-w-2xl">
          <h2 className="mb-2 text-lg font-semibold">Terms of use</h2>
          <p className="text-sm whitespace-pre-line" data-testid="product-terms">
            {product.terms}
          </p>
        </section>
      ) : null}
      {canSubscribe ? (
        <SubscribeForm
          productId={product.id}
          productName={product.displayName}
          terms={product.terms}
          approvalRequired={product.approvalRequired}
        />
      ) : null}
    </>
  );
}
