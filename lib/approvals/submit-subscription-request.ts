import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import type { PortalUser } from '@/lib/auth/session';
import { findLinkedApimUser } from '@/lib/azure/apim/product-subscriptions';
import { getIndexedProduct, type IndexedProduct } from '@/lib/catalog/read-products';
import { nowIso } from '@/lib/db/clock';
import { dialectOf } from '@/lib/db/dialect';
import { isUniqueViolation } from '@/lib/db/errors';
import { withTransaction, type DbTransaction } from '@/lib/db/transaction';
import type { Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueWebhook } from '@/lib/notifications/enqueue-webhook';
import { subscriptionIdFor } from '@/lib/provisioning/provisioning-apim';
import { enqueueProvisioningJob, wakeProvisioningWorkers } from '@/lib/provisioning/provisioning-jobs';
import { auditActor } from '@/lib/requests/request-access';
import { OPEN_STATUSES, transition } from '@/lib/requests/request-state-machine';
import { subscriptionRequestSchema, type SubscriptionRequestInput } from '@/lib/requests/subscription-request-schema';
import { snapshotRule } from './rule-snapshot';
import type { SubmitResult } from './submit-result';
import { newRequestColumns } from '@/lib/requests/new-request-columns';

const HOLDING = ['active', 'submitted', 'suspended'];

async function replayOf(db: Kysely<Database>, user: PortalUser, id: string): Promise<SubmitResult> {
  const existing = await db.selectFrom('access_request').select(['id', 'status', 'requester_oid']).where('id', '=', id).executeTakeFirst();
  if (!existing || existing.requester_oid !== user.oid)
    throw new UserFacingError('This form was already submitted. Reload the page to start a new request.', 'conflict', 409);
  return { requestId: existing.id, status: existing.status, created: false };
}

/** What stops a developer from subscribing before anything is written: each with the message the form shows. */
async function checkProduct(product: IndexedProduct | null, user: PortalUser, acceptTerms: boolean | undefined): Promise<IndexedProduct> {
  if (!product) throw new UserFacingError('There is no such product in the catalog.', 'not_found', 404);
  if (!product.published)
    throw new UserFacingError(`${product.displayName} is not published, so it cannot be subscribed to.`, 'conflict', 409);
  if (!product.subscriptionRequired)
    throw new UserFacingError(`${product.displayName} needs no subscription: its APIs are called without a key.`, 'conflict', 409);
  if (product.terms && acceptTerms !== true) throw new UserFacingError(`Accept the terms of use of ${product.displayName} to subscribe.`);
  const apimUser = await findLinkedApimUser(user.oid, user.upn);
  if (apimUser && apimUser.state !== 'active')
    throw new UserFacingError(
      `Your API Management account is ${apimUser.state}, so it cannot subscribe to products. Ask an API Management administrator to unblock it.`,
      'conflict',
      409,
    );
  return product;
}

/** Subscribing twice, or past the product's limit, is refused with what the developer already has. */
async function checkNotHeld(trx: DbTransaction | Kysely<Database>, user: PortalUser, product: IndexedProduct): Promise<void> {
  const open = await trx
    .selectFrom('access_request')
    .select(['status'])
    .where('requester_oid', '=', user.oid)
    .where('kind', '=', 'subscription')
    .where('product_id', '=', product.id)
    .where('status', 'in', OPEN_STATUSES)
    .executeTakeFirst();
  if (open)
    throw new UserFacingError(
      open.status === 'active'
        ? `You already have a subscription to ${product.displayName}; find its keys under My subscriptions.`
        : `You already have a ${open.status} request for a subscription to ${product.displayName}.`,
      'conflict',
      409,
    );
  if (product.subscriptionsLimit === null) return;
  const held = await trx
    .selectFrom('catalog_subscription')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_oid', '=', user.oid.toLowerCase())
    .where('product_id', '=', product.id)
    .where('state', 'in', HOLDING)
    .executeTakeFirst();
  if (Number(held?.n ?? 0) >= product.subscriptionsLimit)
    throw new UserFacingError(
      `You have reached the limit of ${product.subscriptionsLimit} subscription${product.subscriptionsLimit === 1 ? '' : 's'} to ${product.displayName}.`,
      'conflict',
      409,
    );
}

/** The checks a subscription part of a bundled request must pass before its role part is written. */
export async function precheckSubscription(
  db: Kysely<Database>,
  user: PortalUser,
  productId: string,
  acceptTerms: boolean | undefined,
): Promise<void> {
  const product = await checkProduct(await getIndexedProduct(db, productId), user, acceptTerms);
  await checkNotHeld(db, user, product);
}

/**
 * Records a developer's request for a subscription to a product, in the same request table, queue and outbox as app roles.
 * A product without approval is approved in the same transaction and provisioned at once; others wait for an approver.
 */
export async function submitSubscriptionRequest(
  db: Kysely<Database>,
  user: PortalUser,
  input: SubscriptionRequestInput,
  options: { bundleId?: string } = {},
): Promise<SubmitResult> {
  const parsed = subscriptionRequestSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The request is not valid.');
  const form = parsed.data;
  const id = form.submissionId?.toLowerCase() ?? randomUUID();
  if (form.submissionId && (await db.selectFrom('access_request').select('id').where('id', '=', id).executeTakeFirst()))
    return replayOf(db, user, id);
  const product = await checkProduct(await getIndexedProduct(db, form.productId), user, form.acceptTerms);
  const autoApprove = !product.approvalRequired;
  const next = transition(null, { type: 'submit', autoApprove }, { isRequester: true, isApprover: false, isAdmin: false, isSystem: false });
  if (!next.ok) throw new UserFacingError(next.reason);

  try {
    const status = await withTransaction(db, async (trx) => {
      if (dialectOf(trx) === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`subscription:${user.oid}:${product.id}`}))`.execute(trx);
      if (form.submissionId && (await trx.selectFrom('access_request').select('id').where('id', '=', id).executeTakeFirst()))
        return 'replay' as const;
      await checkNotHeld(trx, user, product);
      const now = nowIso();
      await trx
        .insertInto('access_request')
        .values({
          id,
          kind: 'subscription',
          product_id: product.id,
          subscription_id: subscriptionIdFor(id),
          bundle_id: options.bundleId ?? null,
          requester_oid: user.oid,
          requester_upn: user.upn || null,
          requester_name: user.name,
          // A subscription has no API, app registration or role of its own; role_value names the product for lists and audit.
          api_id: '',
          app_id: '',
          resource_sp_id: '',
          role_id: '',
          role_value: product.displayName,
          grant_kind: 'direct',
          group_id: null,
          justification: form.justification ?? '',
          duration_days: null,
          rule_snapshot: snapshotRule({ autoApprove, stages: 1, maxDays: null, groupId: null }),
          ...newRequestColumns(next.to, autoApprove, now),
        })
        .execute();
      if (autoApprove) await enqueueProvisioningJob(trx, id, 'assign');
      await enqueueWebhook(trx, {
        type: 'request.submitted',
        requestId: id,
        status: next.to,
        apiId: '',
        roleValue: product.displayName,
        kind: 'subscription',
        productId: product.id,
        requester: { oid: user.oid, name: user.name },
        actor: auditActor(user),
        detail: autoApprove ? 'auto-approved' : undefined,
      });
      await appendAuditEvent(trx, {
        actor: auditActor(user),
        action: autoApprove ? 'request.auto_approved' : 'request.submitted',
        subject: { type: 'access_request', id },
        after: { status: next.to, version: 1 },
        data: {
          kind: 'subscription',
          productId: product.id,
          ...(product.terms ? { termsAccepted: true } : {}),
          ...(autoApprove ? { autoApprove: 'the product needs no approval' } : {}),
          ...(options.bundleId ? { bundleId: options.bundleId } : {}),
        },
      });
      return next.to;
    });
    if (status === 'replay') return replayOf(db, user, id);
    if (autoApprove) wakeProvisioningWorkers();
    return { requestId: id, status, created: true };
  } catch (error) {
    if (form.submissionId && isUniqueViolation(error)) return replayOf(db, user, id);
    throw error;
  }
}
