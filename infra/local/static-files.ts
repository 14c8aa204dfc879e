/**
 * Static files — layer: infra (local composition root).
 *
 * Serves files under URL prefixes (`{ '/app/': 'web/dashboard/dist' }`) so the dashboard and the
 * widget load from the same origin as the API, as they would from CloudFront in AWS. Only GET
 * and HEAD; a path that escapes its directory or names no file is not served (the gateway then
 * tries its routes).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

/** URL prefix → directory (relative to the repository root or absolute). */
export type StaticRoots = Readonly<Record<string, string>>;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function fileAt(path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const found = await stat(path);
    if (found.isFile()) return { path, size: found.size };
    if (found.isDirectory()) return fileAt(join(path, 'index.html'));
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Serves the request from the longest matching prefix; resolves true when it answered.
 */
export async function serveStatic(roots: StaticRoots, rootDir: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
  } catch {
    return false;
  }
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!pathname.startsWith(prefix)) continue;
    const directory = resolve(rootDir, roots[prefix] ?? '.');
    const target = resolve(directory, `.${sep}${pathname.slice(prefix.length)}`);
    // Invariant: never serve outside the configured directory (`/app/../../etc/passwd`).
    if (target !== directory && !target.startsWith(directory + sep)) return false;
    const file = await fileAt(target);
    if (!file) continue;
    response.writeHead(200, {
      'content-type': contentTypes[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'content-length': file.size,
      'cache-control': 'no-cache',
    });
    if (request.method === 'HEAD') {
      response.end();
    } else {
      createReadStream(file.path).pipe(response);
    }
    return true;
  }
  return false;
}
