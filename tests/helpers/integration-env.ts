/**
 * Integration environment — test helper (vitest `setupFiles` of the integration project).
 *
 * Copies the laptop cloud's environment (provided by tests/helpers/global-setup.ts) into each
 * test worker's `process.env`, so tests build their SDK clients and containers with the same
 * configuration as the handlers: `loadConfig(process.env)` works in every integration test.
 */
import { inject } from 'vitest';

Object.assign(process.env, inject('cloudEnv'));
