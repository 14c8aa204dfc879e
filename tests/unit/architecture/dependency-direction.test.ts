/**
 * The dependency direction of DESIGN.md §1, read from the import lines of every source file:
 * functions → runtime → services → ports → domain; adapters → ports; only the runtime's
 * container (`shared/runtime/container.ts` and the area containers in
 * `shared/runtime/containers/`) joins services and adapters; only adapters (and the laptop cloud, benches and tests)
 * import an AWS SDK or a search engine.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(relative(root, path));
    return /\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [relative(root, path)] : [];
  });
}

/** Every import specifier in a file: static, dynamic and re-exports. */
export function importsOf(text: string): string[] {
  const found = new Set<string>();
  const patterns = [/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g, /import\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.add(match[1]!);
  return [...found];
}

/** The repository-relative layer of a file or a resolved import target. */
function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'shared') return `shared/${parts[1]}`;
  if (parts[0] === 'infra') return parts[1] === 'manifest.ts' ? 'infra/manifest' : `infra/${parts[1]}`;
  return parts[0]!;
}

const allowed: Record<string, readonly string[]> = {
  'shared/domain': ['shared/domain'],
  'shared/ports': ['shared/ports', 'shared/domain'],
  'shared/contracts': ['shared/contracts', 'shared/domain'],
  'shared/services': ['shared/services', 'shared/ports', 'shared/domain', 'shared/contracts'],
  'shared/adapters': ['shared/adapters', 'shared/ports', 'shared/domain', 'shared/contracts', 'infra/manifest'],
  'shared/runtime': ['shared/runtime', 'shared/services', 'shared/ports', 'shared/domain', 'shared/contracts', 'shared/adapters', 'infra/manifest'],
  functions: ['shared/runtime'],
  'infra/manifest': [],
  'infra/local': ['infra/local', 'infra/manifest', 'shared/adapters', 'shared/runtime', 'shared/domain', 'shared/ports', 'shared/contracts', 'shared/services'],
  'infra/stacks': ['infra/stacks', 'infra/constructs', 'infra/manifest'],
  'infra/constructs': ['infra/constructs', 'infra/manifest', 'infra/bundling.ts'],
  'infra/bundling.ts': [],
  'infra/app.ts': ['infra/stacks', 'infra/constructs', 'infra/manifest'],
  // The browser apps talk to the backend over HTTP and WebSocket only (DESIGN.md §1).
  web: ['web'],
};

const sdkPackage = /^(@aws-sdk\/|@smithy\/|@opensearch-project\/|@orama\/)/;
const sdkAllowedIn = ['shared/adapters', 'infra/local', 'tests', 'bench'];

const files = ['functions', 'shared', 'infra', 'web', 'bench'].flatMap(sourceFiles);

describe('dependency direction', () => {
  it('finds the source files it checks', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('every relative import points down the layers of DESIGN.md', () => {
    const wrongWay: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const permitted = allowed[from];
      if (!permitted) continue;
      for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts');
        const to = layerOf(target);
        if (!permitted.includes(to)) wrongWay.push(`${file} → ${target}`);
      }
    }
    expect(wrongWay).toEqual([]);
  });

  it('only the runtime container joins services and adapters', () => {
    // Webhook bindings verify and parse the provider's raw request with the channel adapters'
    // pure functions (signatures, form/JSON/multipart parsing, TwiML): no SDK, no I/O.
    const webhookBindingUsesChannelCodec = (file: string, spec: string) =>
      file.startsWith('shared/runtime/webhooks/') && /\/adapters\/channels\//.test(spec);
    // The container is split by area (a base and one module per area, under containers/) so each
    // function's bundle holds only the areas it uses; together they are the composition root.
    const isContainer = (file: string) => file === 'shared/runtime/container.ts' || file.startsWith('shared/runtime/containers/');
    const offenders = files.filter((file) => file.startsWith('shared/runtime/') && !isContainer(file))
      .filter((file) => importsOf(readFileSync(join(root, file), 'utf8')).some((spec) => spec.includes('/adapters/') && !webhookBindingUsesChannelCodec(file, spec)));
    expect(offenders).toEqual([]);
  });

  it('only adapters, the laptop cloud and benches import an SDK or search engine', () => {
    const offenders = files
      .filter((file) => !sdkAllowedIn.some((dir) => file.startsWith(`${dir}/`)))
      .flatMap((file) => importsOf(readFileSync(join(root, file), 'utf8')).filter((s) => sdkPackage.test(s)).map((s) => `${file} imports ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the laptop cloud and the domain never import aws-cdk-lib', () => {
    const offenders = files
      .filter((file) => file.startsWith('infra/local/') || file.startsWith('shared/') || file.startsWith('functions/') || file === 'infra/manifest.ts')
      .filter((file) => importsOf(readFileSync(join(root, file), 'utf8')).some((s) => s.startsWith('aws-cdk-lib') || s === 'constructs' || s.startsWith('cdk-nag')));
    expect(offenders).toEqual([]);
  });

  it('the domain uses no package, no environment and no clock', () => {
    const offenders = files.filter((file) => file.startsWith('shared/domain/')).filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return importsOf(text).some((s) => !s.startsWith('.')) || /process\.env|Date\.now\(\)|new Date\(\)/.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it('only the configuration module reads process.env in shared code and functions', () => {
    const offenders = files
      .filter((file) => (file.startsWith('shared/') || file.startsWith('functions/')) && file !== 'shared/runtime/config.ts')
      .filter((file) => /process\.env/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('import paths match the case of the files they name', () => {
    const mismatched: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = resolve(root, dirname(file), spec).replace(/\.js$/, '.ts');
        const dir = dirname(target);
        const name = target.slice(dir.length + 1);
        try {
          const present = readdirSync(dir);
          // `./app.js` names app.ts, app.tsx (the web apps' components) or app.js.
          const candidates = [name, name.replace(/\.ts$/, '.tsx'), name.replace(/\.ts$/, '.js')];
          if (!candidates.some((candidate) => present.includes(candidate))) mismatched.push(`${file} → ${spec}`);
        } catch {
          mismatched.push(`${file} → ${spec} (no such folder)`);
        }
      }
    }
    expect(mismatched).toEqual([]);
  });
});
