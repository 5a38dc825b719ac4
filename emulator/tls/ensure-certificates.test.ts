// Rule: the local CA and localhost certificate are created once, reused, and trusted for localhost over TLS.
import { mkdtempSync, rmSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCertificates } from './ensure-certificates';

const dir = mkdtempSync(join(tmpdir(), 'roleport-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureCertificates', () => {
  it('issues a localhost certificate signed by the local CA and reuses it', () => {
    const first = ensureCertificates(dir);
    const ca = new X509Certificate(first.caPem);
    const leaf = new X509Certificate(first.certPem);
    expect(ca.ca).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.subjectAltName).toContain('IP Address:0:0:0:0:0:0:0:1');
    const second = ensureCertificates(dir);
    expect(second.certPem).toBe(first.certPem);
    expect(second.caCertPath).toBe(join(dir, 'ca.pem'));
  });
});
