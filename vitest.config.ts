import { defineConfig } from 'vitest/config';

/**
 * Test projects (DESIGN.md §6):
 * - unit: domain and services over in-memory ports; adapters with aws-sdk-client-mock.
 * - integration: real SDK clients against the laptop cloud (DynamoDB Local, fauxqs, the local
 *   gateway and pollers), started once for the run by tests/helpers/global-setup.ts.
 * - infra: the synthesized CDK stacks and cdk-nag.
 * - e2e: the widget and the dashboard in Debian's Chromium (playwright-core) against the laptop
 *   cloud serving the built web apps, started once by tests/e2e/global-setup.ts.
 */
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          setupFiles: ['tests/helpers/integration-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // The journeys share the demo account (its inbox counts): one file at a time.
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
    ],
  },
});
