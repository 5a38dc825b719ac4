import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '@/lib/audit/append-audit-event';
import { isNotFound } from '@/lib/azure/graph/role-assignments';
import type { PortalUser } from '@/lib/auth/session';
import { getIndexedApi, getIndexedApp } from '@/lib/catalog/read-index';
import { nowIso } from '@/lib/db/clock';
import { withTransaction, type DbTransaction } from '@/lib/db/transaction';
import type { ApprovalRuleRow, Database } from '@/lib/db/types';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { enqueueWebhook } from '@/lib/notifications/enqueue-webhook';
import { approvalRuleSchema, type ApprovalRuleInput } from './approval-rule-schema';
import { assertGroupGrantsOnlyRole, type GroupGrant } from '@/lib/provisioning/check-grant-group';
import { auditActor } from '@/lib/requests/request-access';
import { allowedDurations } from '@/lib/requests/request-schema';
import { strictestRule } from './strictest-rule';

export interface ApprovalRule {
  id: string;
  apiId: string;
  roleValue: string | null;
  autoApprove: boolean;
  stages: 1 | 2;
  maxDays: number | null;
  groupId: string | null;
  updatedAt: string;
}

export interface EffectiveRule extends Omit<ApprovalRule, 'id' | 'updatedAt'> {
  source: 'role' | 'api' | 'default';
  ruleId: string | null;
  /** Durations the request form offers. */
  durations: number[];
}

export const DEFAULT_MAX_DAYS = 90;

const toRule = (row: ApprovalRuleRow): ApprovalRule => ({
  id: row.id,
  apiId: row.api_id,
  roleValue: row.role_value,
  autoApprove: row.auto_approve === 1,
  stages: Number(row.stages) === 2 ? 2 : 1,
  maxDays: row.max_days === null ? null : Number(row.max_days),
  groupId: row.group_id,
  updatedAt: row.updated_at,
});

const DEFAULT_TERMS = { autoApprove: false, stages: 1, maxDays: DEFAULT_MAX_DAYS, groupId: null } as const;

/** One API's own answer for a role: the role's rule, else the API's, else the defaults. */
function ruleOfApi(rows: ApprovalRuleRow[], apiId: string, roleValue: string) {
  const forApi = rows.filter((r) => r.api_id === apiId);
  const roleRule = forApi.find((r) => r.role_value === roleValue);
  const row = roleRule ?? forApi.find((r) => r.role_value === null);
  return row ? { ...toRule(row), source: roleRule ? ('role' as const) : ('api' as const) } : null;
}

/** APIs mapped to the same app registration as `apiId` (itself included). */
async function apisSharingApp(db: Kysely<Database>, apiId: string): Promise<string[]> {
  const api = await db.selectFrom('catalog_api').select('app_id').where('id', '=', apiId).executeTakeFirst();
  if (!api?.app_id) return [apiId];
  const rows = await db.selectFrom('catalog_api').select('id').where('app_id', '=', api.app_id).execute();
  return [...new Set([apiId, ...rows.map((r) => r.id)])];
}

/**
 * The rule that governs a request for (api, role). The role belongs to the app registration, not the API, so every
 * API mapped to that app has a say and the strictest answer wins: asking through a sibling API (another version,
 * say) is never laxer. `source` and `ruleId` name the requested API's own rule.
 */
export async function getEffectiveRule(db: Kysely<Database>, apiId: string, roleValue: string): Promise<EffectiveRule> {
  const { rows, siblings } = await rulesAcrossApp(db, apiId);
  const own = ruleOfApi(rows, apiId, roleValue);
  const ruled = [...new Set(rows.map((r) => r.api_id))].filter((id) => id !== apiId);
  const others = ruled.map((id) => ruleOfApi(rows, id, roleValue) ?? DEFAULT_TERMS);
  // Every sibling with no rule of its own has the default terms; one copy says the same as many.
  if (siblings > ruled.length) others.push(DEFAULT_TERMS);
  const terms = strictestRule(own ?? DEFAULT_TERMS, ...others);
  return {
    ...terms,
    source: own?.source ?? 'default',
    ruleId: own?.id ?? null,
    apiId,
    roleValue: own?.roleValue ?? null,
    durations: allowedDurations(terms.maxDays),
  };
}

/**
 * The rules of `apiId` and of every other API mapped to its app registration, and how many such others there are:
 * an app may back thousands of APIs (versions, revisions, generated ones), of which few have rules of their own.
 */
async function rulesAcrossApp(db: Kysely<Database>, apiId: string): Promise<{ rows: ApprovalRuleRow[]; siblings: number }> {
  const api = await db.selectFrom('catalog_api').select('app_id').where('id', '=', apiId).executeTakeFirst();
  const appId = api?.app_id;
  if (!appId) return { rows: await db.selectFrom('approval_rule').selectAll().where('api_id', '=', apiId).execute(), siblings: 0 };
  const [rows, count] = await Promise.all([
    db
      .selectFrom('approval_rule')
      .selectAll()
      .where((eb) =>
        eb.or([eb('api_id', '=', apiId), eb('api_id', 'in', eb.selectFrom('catalog_api').select('id').where('app_id', '=', appId))]),
      )
      .execute(),
    db
      .selectFrom('catalog_api')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('app_id', '=', appId)
      .where('id', '!=', apiId)
      .executeTakeFirst(),
  ]);
  return { rows, siblings: Number(count?.n ?? 0) };
}

export async function listApprovalRules(db: Kysely<Database>, apiId?: string): Promise<ApprovalRule[]> {
  let query = db.selectFrom('approval_rule').selectAll();
  if (apiId !== undefined) query = query.where('api_id', '=', apiId);
  return (await query.orderBy('api_id').orderBy('role_value').execute()).map(toRule);
}

function requireAdminActor(actor: PortalUser): void {
  if (!actor.isAdmin) throw new UserFacingError('Only a portal admin can change approval rules.', 'forbidden', 403);
}

/** The index may be minutes old: the group is checked in Entra itself before a rule may grant through it. */
async function checkGroupLive(grant: GroupGrant): Promise<void> {
  try {
    await assertGroupGrantsOnlyRole(grant);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    console.error('approval rule: cannot read the group from Graph', error);
    if (isNotFound(error)) throw new UserFacingError('That group no longer exists in Entra; refresh the catalog.');
    throw new UserFacingError('Roleport could not read that group from Entra to check what it holds; try again.', 'unavailable', 503);
  }
}

/** One role is granted through one group, whichever API it is asked through. */
async function refuseOtherGroupOnSibling(db: Kysely<Database>, apiId: string, roleValue: string, groupId: string): Promise<void> {
  const siblings = (await apisSharingApp(db, apiId)).filter((id) => id !== apiId);
  if (siblings.length === 0) return;
  const clash = await db
    .selectFrom('approval_rule')
    .innerJoin('catalog_api', 'catalog_api.id', 'approval_rule.api_id')
    .select(['catalog_api.display_name', 'approval_rule.group_id'])
    .where('approval_rule.api_id', 'in', siblings)
    .where('approval_rule.role_value', '=', roleValue)
    .where('approval_rule.group_id', 'is not', null)
    .where('approval_rule.group_id', '!=', groupId)
    .executeTakeFirst();
  if (!clash) return;
  const app = await db.selectFrom('catalog_api').select('app_id').where('id', '=', apiId).executeTakeFirst();
  const holdings = app?.app_id ? ((await getIndexedApp(db, app.app_id))?.groupHoldings ?? []) : [];
  const name = holdings.find((h) => h.groupId === clash.group_id)?.groupName ?? clash.group_id;
  throw new UserFacingError(
    `${clash.display_name} grants ${roleValue} through the group ${name}; APIs that share an app registration grant a role through the same group.`,
  );
}

/** Auto-approve lets requests through without a person: switching it on gets its own audit event and webhook. */
async function recordAutoApproveEnabled(trx: DbTransaction, actor: PortalUser, rule: ApprovalRule): Promise<void> {
  await appendAuditEvent(trx, {
    actor: auditActor(actor),
    action: 'approval_rule.auto_approve_enabled',
    subject: { type: 'approval_rule', id: rule.id },
    data: { apiId: rule.apiId, roleValue: rule.roleValue },
  });
  await enqueueWebhook(trx, {
    type: 'approval_rule.auto_approve_enabled',
    ruleId: rule.id,
    apiId: rule.apiId,
    roleValue: rule.roleValue,
    actor: auditActor(actor),
  });
}

/** Creates or replaces the rule for (api, role); audited. */
export async function saveApprovalRule(db: Kysely<Database>, actor: PortalUser, input: ApprovalRuleInput): Promise<ApprovalRule> {
  requireAdminActor(actor);
  const parsed = approvalRuleSchema.safeParse(input);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? 'The rule is not valid.');
  const rule = parsed.data;
  const api = await getIndexedApi(db, rule.apiId);
  if (!api) throw new UserFacingError('There is no such API in the catalog.');
  const app = api.appId ? await getIndexedApp(db, api.appId) : null;
  const role = rule.roleValue === null ? null : app?.appRoles.find((r) => r.value === rule.roleValue);
  if (rule.roleValue !== null && !role) throw new UserFacingError(`${rule.roleValue} is not a role of ${api.displayName}.`);
  if (rule.groupId !== null) {
    if (!role) throw new UserFacingError('A group grant names one role: set it on a role’s rule, not on the whole API.');
    if (!app?.groupHoldings.some((h) => h.groupId === rule.groupId && h.roleId === role.id)) {
      throw new UserFacingError(
        `That group does not hold ${role.value} in Entra; assign the role to the group first, then refresh the catalog.`,
      );
    }
  }

  if (rule.groupId !== null && role && app?.servicePrincipalId) {
    await refuseOtherGroupOnSibling(db, api.id, role.value, rule.groupId);
    await checkGroupLive({ groupId: rule.groupId, resourceSpId: app.servicePrincipalId, roleId: role.id, roleValue: role.value });
  }

  return withTransaction(db, async (trx) => {
    let existingQuery = trx.selectFrom('approval_rule').selectAll().where('api_id', '=', rule.apiId);
    existingQuery =
      rule.roleValue === null ? existingQuery.where('role_value', 'is', null) : existingQuery.where('role_value', '=', rule.roleValue);
    const existing = await existingQuery.executeTakeFirst();
    const now = nowIso();
    const values = {
      auto_approve: rule.autoApprove ? 1 : 0,
      stages: rule.stages,
      max_days: rule.maxDays,
      group_id: rule.groupId,
      updated_at: now,
    } as const;
    const id = existing?.id ?? randomUUID();
    if (existing) await trx.updateTable('approval_rule').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('approval_rule')
        .values({ id, api_id: rule.apiId, role_value: rule.roleValue, created_at: now, ...values })
        .execute();
    const saved = toRule(await trx.selectFrom('approval_rule').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    await appendAuditEvent(trx, {
      actor: auditActor(actor),
      action: existing ? 'approval_rule.updated' : 'approval_rule.created',
      subject: { type: 'approval_rule', id },
      before: existing ? { ...toRule(existing) } : null,
      after: { ...saved },
    });
    if (saved.autoApprove && existing?.auto_approve !== 1) await recordAutoApproveEnabled(trx, actor, saved);
    return saved;
  });
}

export async function deleteApprovalRule(db: Kysely<Database>, actor: PortalUser, ruleId: string): Promise<void> {
  requireAdminActor(actor);
  await withTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('approval_rule').selectAll().where('id', '=', ruleId).executeTakeFirst();
    if (!existing) throw new UserFacingError('That rule no longer exists.', 'not_found', 404);
    await trx.deleteFrom('approval_rule').where('id', '=', ruleId).execute();
    await appendAuditEvent(trx, {
      actor: auditActor(actor),
      action: 'approval_rule.deleted',
      subject: { type: 'approval_rule', id: ruleId },
      before: { ...toRule(existing) },
    });
  });
}
