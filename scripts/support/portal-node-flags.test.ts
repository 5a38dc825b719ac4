// Rule: the container image runs the server with the same Node flags as `npm start` and the bench measure, and its heap
// limit leaves room below the container's memory for code, the young generation and native memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runtimeStagePlan } from '../standalone/dockerfile-plan';
import { PORTAL_NODE_FLAGS } from './portal-node-flags';

const repo = path.resolve(__dirname, '../..');

describe('PORTAL_NODE_FLAGS', () => {
  it('are the flags of the Dockerfile CMD, between node and server.js', () => {
    const { cmd } = runtimeStagePlan(path.join(repo, 'Dockerfile'));
    expect(cmd).toEqual(['node', ...PORTAL_NODE_FLAGS, 'server.js']);
  });

  it('limit the old generation to at most half the container memory infra/modules/portal.bicep gives', () => {
    const bicep = readFileSync(path.join(repo, 'infra/modules/portal.bicep'), 'utf8');
    const gib = Number(/resources:\s*\{[^}]*memory:\s*'([\d.]+)Gi'/.exec(bicep)?.[1]);
    const limitMb = Number(PORTAL_NODE_FLAGS.map((flag) => /^--max-old-space-size=(\d+)$/.exec(flag)?.[1]).find(Boolean));
    expect(gib).toBeGreaterThan(0);
    expect(limitMb).toBeGreaterThan(0);
    expect(limitMb).toBeLessThanOrEqual((gib * 1024) / 2);
  });
});
