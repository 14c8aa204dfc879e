/**
 * Builds the chat widget into `<outDir>`: the loader `widget.js` a tenant embeds, the chat
 * window `widget/frame.html` + `frame.js` + `frame.css` (served from the gateway origin), and
 * the demo storefront `demo/` (which loads `/demo/config.js`, written by `npm start`).
 * esbuild, minified, ES2020; Preact for the chat window. Loader + window stay under 40 KB
 * gzipped (tests/unit/web/widget/bundle-size.test.ts).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const src = fileURLToPath(new URL('./src/', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/** Builds the widget; resolves with the files written (absolute paths). */
export async function buildWidget(outDir: string): Promise<string[]> {
  const widgetDir = join(outDir, 'widget');
  const demoDir = join(outDir, 'demo');
  mkdirSync(widgetDir, { recursive: true });
  mkdirSync(demoDir, { recursive: true });
  const common = {
    bundle: true, minify: true, target: 'es2020', format: 'iife', platform: 'browser', tsconfig, legalComments: 'none', logLevel: 'silent',
  } as const;
  await Promise.all([
    build({ ...common, entryPoints: [join(src, 'loader.ts')], outfile: join(outDir, 'widget.js') }),
    build({ ...common, entryPoints: [join(src, 'frame/main.tsx')], outfile: join(widgetDir, 'frame.js'), jsx: 'automatic', jsxImportSource: 'preact' }),
    build({ ...common, entryPoints: [join(src, 'frame/frame.css')], outfile: join(widgetDir, 'frame.css'), loader: { '.css': 'css' } }),
    build({ ...common, entryPoints: [join(src, 'demo/demo.css')], outfile: join(demoDir, 'demo.css'), loader: { '.css': 'css' } }),
  ]);
  copyFileSync(join(src, 'frame/frame.html'), join(widgetDir, 'frame.html'));
  copyFileSync(join(src, 'demo/index.html'), join(demoDir, 'index.html'));
  copyFileSync(join(src, 'demo/demo.js'), join(demoDir, 'demo.js'));
  return [
    join(outDir, 'widget.js'), join(widgetDir, 'frame.html'), join(widgetDir, 'frame.js'), join(widgetDir, 'frame.css'),
    join(demoDir, 'index.html'), join(demoDir, 'demo.js'), join(demoDir, 'demo.css'),
  ];
}
