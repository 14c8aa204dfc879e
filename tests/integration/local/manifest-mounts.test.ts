/**
 * Both composition roots serve every manifest function: CDK deploys each one
 * (tests/infra/stateless.test.ts) and the running laptop cloud loads and mounts each one, as its
 * `/health` report shows.
 */
import { describe, expect, it } from 'vitest';
import { functions } from '../../../infra/manifest.js';
import { localMounts } from '../../../infra/local/cloud.js';
import { missingManifestFunctions } from '../../infra/manifest-coverage.js';

describe('manifest on the laptop', () => {
  it('every manifest function is loaded by the running laptop cloud', async () => {
    const response = await fetch(`${process.env.SWITCHBOARD_WS_ENDPOINT}/health`);
    const report = (await response.json()) as { status: string; parts: { name: string; ok: boolean }[] };
    const loaded = report.parts.filter((p) => p.ok && p.name.startsWith('function ')).map((p) => p.name.slice('function '.length));
    expect(missingManifestFunctions(loaded)).toEqual([]);
    expect(report.status).toBe('ok');
  });

  it('every manifest function has a local trigger', () => {
    const mounts = localMounts();
    expect(functions.filter((f) => mounts[f.name] === undefined || mounts[f.name] === 'not-run-locally').map((f) => f.name)).toEqual([]);
  });
});
