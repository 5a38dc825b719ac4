// Pure: combining approval rules so that no way of asking for a role is laxer than another.

export interface RuleTerms {
  autoApprove: boolean;
  stages: 1 | 2;
  /** null = no limit. */
  maxDays: number | null;
  groupId: string | null;
}

/**
 * The strictest reading of several rules for one role: auto-approved only if every rule auto-approves, the most stages,
 * the shortest maximum. A group grant is kept when the rules name one group (rule saving refuses two different ones).
 */
export function strictestRule<T extends RuleTerms>(first: T, ...others: RuleTerms[]): RuleTerms {
  const all: RuleTerms[] = [first, ...others];
  const limits = all.map((r) => r.maxDays).filter((d): d is number => d !== null);
  const groups = [...new Set(all.map((r) => r.groupId).filter((g): g is string => g !== null))];
  return {
    autoApprove: all.every((r) => r.autoApprove),
    stages: all.some((r) => r.stages === 2) ? 2 : 1,
    maxDays: limits.length > 0 ? Math.min(...limits) : null,
    groupId: groups.length === 1 ? (groups[0] ?? null) : null,
  };
}
