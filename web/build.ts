/**
 * Builds the browser apps into `web/dist/` — the dashboard (served at `/`) and the widget
 * (`/widget.js`, its chat frame, and the demo page at `/demo/`). esbuild, minified, ES2020.
 * The laptop gateway serves `web/dist/`; in AWS the same folder goes to S3 + CloudFront.
 *
 * Usage: `npm run build:web` (also run by `npm start` and the e2e tests).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDashboard } from './dashboard/build.js';
import { buildWidget } from './widget/build.js';

/** Where the built assets go. */
export const webDistDir = fileURLToPath(new URL('./dist/', import.meta.url));

/** Builds both apps; resolves with the files written. */
export async function buildWeb(outDir: string = webDistDir): Promise<string[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const [dashboard, widget] = await Promise.all([buildDashboard(outDir), buildWidget(outDir)]);
  return [...dashboard, ...widget];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  buildWeb()
    .then((files) => console.log(`[web] built ${files.length} files into web/dist in ${Date.now() - started} ms`))
    .catch((error: unknown) => {
      console.error(`[web] build failed: ${(error as Error).message}`);
      process.exit(1);
    });
}
