/**
 * Logging — layer: runtime.
 *
 * One structured JSON logger per process (Powertools for AWS Lambda), at the configured level
 * (INFO while the configuration itself is invalid, so that error can still be logged). Log the
 * ids that let someone follow a request (account, connection, conversation, correlation id),
 * never message bodies or credentials.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { config } from './config.js';

let instance: Logger | undefined;

function configuredLevel(): 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' {
  try {
    return config().logLevel;
  } catch {
    return 'INFO';
  }
}

/** The process's logger, created on first use. */
export function logger(): Logger {
  instance ??= new Logger({ serviceName: 'switchboard', logLevel: configuredLevel() });
  return instance;
}
