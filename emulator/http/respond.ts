import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, headers);
  res.end();
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}) {
  sendEmpty(res, 302, { Location: location, ...headers });
}

export function escapeHtml(text: string): string {
  // Attributes are always double-quoted, so apostrophes stay readable in page text.
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
