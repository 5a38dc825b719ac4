import 'server-only';
import type { Kysely } from 'kysely';
import { z } from '@/lib/validation/zod';
import type { AccessRequestRow, Database } from '@/lib/db/types';
import { getEffectiveRule } from './approval-rules';
import { strictestRule, type RuleTerms } from './strictest-rule';

const snapshotSchema = z.object({
  autoApprove: z.boolean(),
  stages: z.union([z.literal(1), z.literal(2)]),
  maxDays: z.number().int().positive().nullable(),
  groupId: z.string().nullable(),
});

/** The terms stored on a request at submission. */
export function snapshotRule(rule: RuleTerms): string {
  const { autoApprove, stages, maxDays, groupId } = rule;
  return JSON.stringify({ autoApprove, stages, maxDays, groupId });
}

/**
 * The terms a waiting request is decided under: the stricter of the rule in force when it was submitted and the rule
 * in force now, so lowering a rule never lets a waiting request through with fewer approvals or a longer grant.
 */
export async function ruleInForce(
  db: Kysely<Database>,
  request: Pick<AccessRequestRow, 'api_id' | 'role_value' | 'rule_snapshot'> & { kind?: AccessRequestRow['kind'] },
): Promise<RuleTerms> {
  // Approval rules are per API and role; a product subscription is decided in one stage and lasts until it is cancelled.
  if (request.kind === 'subscription') return { autoApprove: false, stages: 1, maxDays: null, groupId: null };
  const now = await getEffectiveRule(db, request.api_id, request.role_value);
  if (request.rule_snapshot === null) return now;
  // An unreadable snapshot cannot loosen anything: the strictest terms a rule can have stand in for it.
  const then = parseSnapshot(request.rule_snapshot) ?? {
    autoApprove: false,
    stages: 2,
    maxDays: Math.min(...now.durations),
    groupId: null,
  };
  return strictestRule(now, then);
}

function parseSnapshot(text: string): RuleTerms | null {
  try {
    const parsed = snapshotSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The grant's length once approved: as requested, unless the rule in force now allows less. */
export function durationInForce(requestedDays: number | null, maxDays: number | null): number | null {
  if (maxDays === null || (requestedDays !== null && requestedDays <= maxDays)) return requestedDays;
  return maxDays;
}
