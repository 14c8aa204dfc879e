/**
 * The function bundles, built for real by esbuild through NodejsFunction (the other infra tests
 * skip bundling): one minified ESM file per function, the AWS SDK inside, `require` defined.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AssetStaging } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/manifest.js';
import { bundlingOptions } from '../../infra/bundling.js';
import { hookTimeout, synthesizeSwitchboard, type Synthesized } from './synth.js';

/** Module specifiers a bundle may still import: Node's own modules. */
const nodeBuiltin = /^(node:|module$|fs$|path$|os$|crypto$|url$|util$|stream$|events$|http$|https$|buffer$|zlib$)/;

describe('function bundles', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ bundle: true, cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  for (const spec of functions) {
    it(`bundles ${spec.name} into one ESM file with the SDK inside and require defined`, () => {
      // Act
      const staging = synth.stateless.functions.get(spec.name)!.node.findAll().find((c): c is AssetStaging => c instanceof AssetStaging);
      const code = readFileSync(join(staging!.absoluteStagedPath, 'index.mjs'), 'utf8');
      // Static imports of a minified ESM bundle start a statement: `import{x}from"y";`.
      const imports = [...code.matchAll(/(?:^|[;}\n])import\s*(?:[\w$*{}\s,]+from\s*)?"([^"]+)"/g)].map((m) => m[1]!);

      // Assess (booleans, not the code: a failing match would print the whole bundle)
      expect(code.startsWith(bundlingOptions.banner)).toBe(true);
      expect(/export\s*\{[^}]*\bhandler\b[^}]*\}/.test(code)).toBe(true);
      expect(imports.filter((specifier) => !nodeBuiltin.test(specifier))).toEqual([]);
      // The SDK is inside the bundle (smithy reads this header), not required at runtime.
      expect(code.includes('x-amzn-requestid')).toBe(true);
      expect(/require\("@(aws-sdk\/client-|aws-sdk\/lib-|smithy\/)/.test(code)).toBe(false);
      // Native addons ship beside the bundle for Lambda's platform, and only where declared.
      const asset = staging!.absoluteStagedPath;
      for (const name of bundlingOptions.externalModules) {
        expect(existsSync(join(asset, 'node_modules', name))).toBe(spec.nativeModules?.includes(name) ?? false);
      }
      if (spec.nativeModules?.includes('@node-rs/argon2')) {
        expect(existsSync(join(asset, 'node_modules', '@node-rs', 'argon2-linux-arm64-gnu'))).toBe(true);
      }
    });
  }
});
