/**
 * The function bundles, built for real by esbuild through NodejsFunction (the other infra tests
 * skip bundling): one minified ESM file per function, the AWS SDK inside, `require` defined.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/manifest.js';
import { bundlingOptions } from '../../infra/constructs/manifest-function.js';
import { synthesizeSwitchboard, type Synthesized } from './synth.js';

/** Module specifiers a bundle may still import: Node's own modules. */
const nodeBuiltin = /^(node:|module$|fs$|path$|os$|crypto$|url$|util$|stream$|events$|http$|https$|buffer$|zlib$)/;

describe('function bundles', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ bundle: true });
  }, 180_000);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  for (const spec of functions) {
    it(`bundles ${spec.name} into one ESM file with the SDK inside and require defined`, () => {
      // Act
      const staging = synth.stateless.functions.get(spec.name)!.node.findAll().find((c): c is AssetStaging => c instanceof AssetStaging);
      const code = readFileSync(join(staging!.absoluteStagedPath, 'index.mjs'), 'utf8');
      const imports = [...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((m) => m[1]!);

      // Assess
      expect(code.startsWith(bundlingOptions.banner)).toBe(true);
      expect(code).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(imports.filter((specifier) => !nodeBuiltin.test(specifier))).toEqual([]);
      expect(code).not.toMatch(/require\(\s*"@aws-sdk\//);
    });
  }
});
