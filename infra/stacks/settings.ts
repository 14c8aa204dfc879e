/**
 * Deployment settings — layer: infra (CDK stacks).
 *
 * Read once from CDK context (cdk.json, or `-c key=value` on the command line) and validated,
 * so a typo fails the synth with the name of the key instead of deploying something else.
 */
import type { Node } from 'constructs';
import { searchModes, type SearchMode } from '../constructs/search.js';

/** The context keys this app reads, with their defaults (documented in docs/DEPLOY.md). */
export const settingDefaults = {
  stackPrefix: 'switchboard',
  searchMode: 'serverless' as SearchMode,
  allowedOrigins: ['https://app.example.com'] as readonly string[],
  logLevel: 'INFO' as LogLevel,
  manageApiGatewayLogsRole: true,
} as const;

const logLevels = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** The functions' log level (SWITCHBOARD_LOG_LEVEL). */
export type LogLevel = (typeof logLevels)[number];

/** The validated settings of one synth. */
export interface SwitchboardSettings {
  /** Prefix of stack names and physical resource names. */
  readonly stackPrefix: string;
  readonly searchMode: SearchMode;
  /** Browser origins of the dashboard and widget hosts (CORS, WebSocket Origin check). */
  readonly allowedOrigins: readonly string[];
  readonly logLevel: LogLevel;
  /** Whether this app sets the region's API Gateway CloudWatch role (needed for WebSocket access logs). */
  readonly manageApiGatewayLogsRole: boolean;
}

/** Raised when a context value is invalid; the message names the key. */
export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';
}

const originPattern = /^https?:\/\/[^/\s,]+$/;

function oneOf<T extends string>(key: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidSettingError(`Context "${key}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

function origins(value: unknown): readonly string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  const trimmed = list?.map((o) => (typeof o === 'string' ? o.trim() : o)).filter((o) => o !== '');
  if (!trimmed || trimmed.length === 0) throw new InvalidSettingError('Context "allowedOrigins" must list at least one origin');
  for (const origin of trimmed) {
    if (typeof origin !== 'string' || !originPattern.test(origin)) {
      throw new InvalidSettingError(`Context "allowedOrigins": ${JSON.stringify(origin)} is not an origin like https://app.example.com`);
    }
  }
  return trimmed as string[];
}

function flag(key: string, value: unknown): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InvalidSettingError(`Context "${key}" must be true or false (got ${JSON.stringify(value)})`);
}

/** Reads and validates the settings from a construct node's context. */
export function readSettings(node: Node): SwitchboardSettings {
  const get = (key: keyof typeof settingDefaults): unknown => node.tryGetContext(key) ?? settingDefaults[key];
  const stackPrefix = get('stackPrefix');
  if (typeof stackPrefix !== 'string') throw new InvalidSettingError('Context "stackPrefix" must be a string');
  return {
    stackPrefix,
    searchMode: oneOf('searchMode', get('searchMode'), searchModes),
    allowedOrigins: origins(get('allowedOrigins')),
    logLevel: oneOf('logLevel', get('logLevel'), logLevels),
    manageApiGatewayLogsRole: flag('manageApiGatewayLogsRole', get('manageApiGatewayLogsRole')),
  };
}
