import 'server-only';
import { diffLines } from 'diff';

/** One row of a side-by-side preview: `changed` pairs a removed line (left) with the added line replacing it (right). */
export interface PolicyDiffRow {
  kind: 'same' | 'added' | 'removed' | 'changed';
  left?: string;
  right?: string;
}

const normalise = (text: string) => text.replace(/\r\n?/g, '\n');

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Line diff of the current policy (left) against the proposed one (right); line-ending style is ignored. */
export function diffPolicy(before: string, after: string): PolicyDiffRow[] {
  const rows: PolicyDiffRow[] = [];
  let removed: string[] = [];
  const flushRemoved = () => {
    rows.push(...removed.map((left) => ({ kind: 'removed' as const, left })));
    removed = [];
  };
  for (const change of diffLines(normalise(before), normalise(after))) {
    const lines = linesOf(change.value);
    if (change.removed) {
      flushRemoved();
      removed = lines;
    } else if (change.added) {
      // A removal directly followed by an addition is shown as the lines that replaced each other.
      const paired = Math.min(removed.length, lines.length);
      for (let i = 0; i < paired; i++) rows.push({ kind: 'changed', left: removed[i], right: lines[i] });
      rows.push(...removed.slice(paired).map((left) => ({ kind: 'removed' as const, left })));
      rows.push(...lines.slice(paired).map((right) => ({ kind: 'added' as const, right })));
      removed = [];
    } else {
      flushRemoved();
      rows.push(...lines.map((line) => ({ kind: 'same' as const, left: line, right: line })));
    }
  }
  flushRemoved();
  return rows;
}
