// Rule: a route's first-load JS is the runtime plus every chunk its client manifest lists, each file counted once, gzipped.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { firstLoadJs, firstLoadJsTable } from './first-load-js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

describe('firstLoadJs', () => {
  it('adds the runtime and the page’s segment chunks, once each, for page routes only', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fljs-'));
    const chunk = (name: string, size: number) => write(`static/chunks/${name}`, 'x'.repeat(size) + name);
    chunk('runtime.js', 1000);
    chunk('layout.js', 2000);
    chunk('page.js', 3000);
    write('build-manifest.json', JSON.stringify({ rootMainFiles: ['static/chunks/runtime.js'], polyfillFiles: ['static/chunks/poly.js'] }));
    write('app-path-routes-manifest.json', JSON.stringify({ '/(portal)/apis/page': '/apis', '/api/health/route': '/api/health' }));
    const manifest = {
      entryJSFiles: {
        '[project]/app/layout': ['static/chunks/layout.js'],
        '[project]/app/(portal)/apis/page': ['static/chunks/layout.js', 'static/chunks/page.js'],
      },
    };
    write(
      'server/app/(portal)/apis/page_client-reference-manifest.js',
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/(portal)/apis/page"] = ${JSON.stringify(manifest)};`,
    );
    const gz = (name: string, size: number) => gzipSync(Buffer.from('x'.repeat(size) + name), { level: 9 }).byteLength;
    expect(firstLoadJs(dir)).toEqual([
      { route: '/apis', files: 3, gzipBytes: gz('runtime.js', 1000) + gz('layout.js', 2000) + gz('page.js', 3000) },
    ]);
    expect(firstLoadJsTable(firstLoadJs(dir))).toMatch(/\/apis\s+0\.\d KB\s+3/);
  });
});
