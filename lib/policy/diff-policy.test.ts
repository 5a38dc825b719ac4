// Rule: the policy preview shows every line of both versions, pairing replaced lines side by side.
import { describe, expect, it } from 'vitest';
import { diffPolicy } from './diff-policy';
import { fixture } from '@/test/harness/policy-fixtures';
import { applyRoleportOperationBlock } from './generate-policy';

describe('diffPolicy', () => {
  it('pairs replaced lines, lists pure additions and removals, and ignores line-ending style', () => {
    const before = 'a\r\nb\r\nc\r\nd\r\n';
    const after = 'a\nB\nc\nx\ny\n';
    expect(diffPolicy(before, after)).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'changed', left: 'b', right: 'B' },
      { kind: 'same', left: 'c', right: 'c' },
      { kind: 'changed', left: 'd', right: 'x' },
      { kind: 'added', right: 'y' },
    ]);
    expect(diffPolicy('a\nb\nc', 'a\nc')).toEqual([
      { kind: 'same', left: 'a', right: 'a' },
      { kind: 'removed', left: 'b' },
      { kind: 'same', left: 'c', right: 'c' },
    ]);
  });

  it('shows a Roleport block as added lines and keeps both sides complete', () => {
    const before = fixture('operation-choose-raw.xml');
    const after = applyRoleportOperationBlock(before, ['Orders.Admin']);
    const rows = diffPolicy(before, after);
    expect(rows.filter((r) => r.kind !== 'same' && r.kind !== 'added')).toEqual([]);
    expect(rows.filter((r) => r.kind === 'added').map((r) => r.right?.trim())[0]).toBe('<!-- roleport:begin -->');
    expect(rows.flatMap((r) => (r.left === undefined ? [] : [r.left])).join('\n')).toBe(before.replace(/\n$/, ''));
    expect(rows.flatMap((r) => (r.right === undefined ? [] : [r.right])).join('\n')).toBe(after.replace(/\n$/, ''));
  });
});
