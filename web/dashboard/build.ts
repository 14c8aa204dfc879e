/**
 * Builds the agents' dashboard: `index.html`, `dashboard.js` and `dashboard.css` into an output
 * folder (esbuild bundle, minified, ES2020). Called by web/build.ts; served at `/`.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const entry = fileURLToPath(new URL('./src/main.tsx', import.meta.url));

const indexHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>Switchboard</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%234f46e5'/%3E%3Ctext x='16' y='22' font-family='system-ui,sans-serif' font-size='18' font-weight='700' fill='white' text-anchor='middle'%3ES%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="dashboard.css">
</head>
<body>
<div id="app"></div>
<noscript>The Switchboard dashboard needs JavaScript.</noscript>
<script src="dashboard.js" defer></script>
</body>
</html>
`;

/**
 * Bundles the dashboard into `outDir`; resolves with the paths written.
 *
 * @example
 * await buildDashboard('web/dist') // → ['web/dist/index.html', 'web/dist/dashboard.js', 'web/dist/dashboard.css']
 */
export async function buildDashboard(outDir: string): Promise<string[]> {
  await build({
    entryPoints: { dashboard: entry },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const html = join(outDir, 'index.html');
  await writeFile(html, indexHtml);
  return [html, join(outDir, 'dashboard.js'), join(outDir, 'dashboard.css')];
}
