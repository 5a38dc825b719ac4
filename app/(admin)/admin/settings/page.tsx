import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DEFAULT_MAX_DAYS, type ApprovalRule } from '@/lib/approvals/approval-rules';
import { loadApprovalRulesPage } from '@/lib/approvals/load-approval-rules-page';
import { requireAdmin } from '@/lib/auth/session';
import { DeleteRuleButton } from './delete-rule-button';
import { ProductApproversSection } from './product-approvers-section';
import { RuleForm } from './rule-form';

export const metadata = { title: 'Approval rules' };

function summary(rule: Pick<ApprovalRule, 'autoApprove' | 'stages' | 'maxDays' | 'groupId'>, groupName?: string): string {
  const approval = rule.autoApprove ? 'auto-approved' : rule.stages === 2 ? 'two approval stages' : 'one approval stage';
  const days = rule.maxDays === null ? 'no time limit' : `at most ${rule.maxDays} days`;
  return `${approval}, ${days}${rule.groupId ? `, granted through the group ${groupName ?? rule.groupId}` : ''}`;
}

export default async function ApprovalRulesPage() {
  await requireAdmin();
  const { sections, products } = await loadApprovalRulesPage();
  return (
    <>
      <PageHeader
        title="Approval rules"
        description={`How requests are decided. A role's own rule wins over its API's rule; without either, the defaults apply: one approval stage, no auto-approve, at most ${DEFAULT_MAX_DAYS} days. Auto-approve never applies to a portal admin's or an app owner's own request: someone else decides it.`}
      />
      {sections.length === 0 ? (
        <EmptyState title="No API is linked to an app registration yet">
          Rules apply to APIs that validate Entra tokens for an app registration: map one in the policy studio, then refresh the catalog.
        </EmptyState>
      ) : null}
      {sections.map(({ api, roles, groups, rules, sharesAppWith }) => {
        const apiRule = rules.find((r) => r.roleValue === null);
        const groupName = (id: string | null) => groups.find((g) => g.groupId === id)?.groupName;
        return (
          <section key={api.id} aria-label={api.displayName} data-testid="rules-api" data-api-id={api.id} className="mb-8 panel">
            <h2 className="text-base font-semibold">{api.displayName}</h2>
            {sharesAppWith.length > 0 ? (
              <p data-testid="shares-app" className="mb-2 text-sm text-amber-800 dark:text-amber-300">
                Shares its app registration with {sharesAppWith.map((a) => a.displayName).join(', ')}: a role is requested from the app, so
                a request through any of these APIs meets the strictest of their rules for that role.
              </p>
            ) : null}
            <p className="mb-3 text-sm supporting-text">
              Every role:{' '}
              {apiRule
                ? summary(apiRule)
                : `${summary({ autoApprove: false, stages: 1, maxDays: DEFAULT_MAX_DAYS, groupId: null })} (defaults)`}
            </p>
            {rules.length > 0 ? (
              <ul className="mb-4 divide-y divide-slate-100 dark:divide-slate-800">
                {rules.map((rule) => (
                  <li key={rule.id} data-testid="approval-rule" data-role={rule.roleValue ?? ''} className="py-3">
                    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                      <p>
                        <span className="font-mono font-semibold">{rule.roleValue ?? 'Every role'}</span>:{' '}
                        {summary(rule, groupName(rule.groupId))}
                      </p>
                      <DeleteRuleButton ruleId={rule.id} label={rule.roleValue ?? 'every role'} />
                    </div>
                    <RuleForm apiId={api.id} roles={roles} groups={groups} initial={rule} />
                  </li>
                ))}
              </ul>
            ) : null}
            <h3 className="mb-2 text-sm font-semibold">Add a rule</h3>
            <RuleForm apiId={api.id} roles={roles.filter((r) => !rules.some((rule) => rule.roleValue === r))} groups={groups} />
          </section>
        );
      })}
      <ProductApproversSection products={products} />
    </>
  );
}
