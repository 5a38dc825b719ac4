// Rule: a route's first-load JS is the runtime plus every chunk its client manifest lists, each file counted once, gzipped; a route ships zod when one of those chunks holds its class names.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { firstLoadJs, firstLoadJsTable, routesShipping, ZOD_MARKER } from './first-load-js';

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

describe('routesShipping', () => {
  it('names the routes whose first load fetches a chunk holding zod, and only those', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'fljs-'));
    write('static/chunks/runtime.js', 'runtime');
    write('static/chunks/form.js', 'var a=(0,r.$constructor)("$ZodType",(e,t)=>{});');
    write('static/chunks/plain.js', 'const ZodLike = "not the library"; // $ZodType in a comment is code, not a literal');
    write('build-manifest.json', JSON.stringify({ rootMainFiles: ['static/chunks/runtime.js'] }));
    write('app-path-routes-manifest.json', JSON.stringify({ '/tokens/page': '/tokens', '/apis/page': '/apis' }));
    const page = (appPath: string, chunk: string) =>
      write(
        `server/app${appPath}_client-reference-manifest.js`,
        `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["${appPath}"] = ${JSON.stringify({
          entryJSFiles: { [`[project]/app${appPath}`]: [chunk] },
        })};`,
      );
    page('/tokens/page', 'static/chunks/form.js');
    page('/apis/page', 'static/chunks/plain.js');
    expect(routesShipping(dir, ZOD_MARKER)).toEqual(['/tokens']);
  });
});
