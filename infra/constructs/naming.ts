/**
 * Physical names — layer: infra (CDK constructs).
 *
 * Every stateful resource gets a deterministic physical name derived from the stack prefix, so
 * that the cloud and the laptop use the same names (infra/manifest.ts: `${stackPrefix}-${name}`)
 * and so that IAM resources that must end in a wildcard (bucket objects, domain paths) can be
 * written from the name alone, without a cross-stack export whose generated name would leak into
 * cdk-nag acknowledgments.
 */
import { Aws } from 'aws-cdk-lib';
import type { QueueSpec, TableSpec } from '../manifest.js';

/**
 * The longest prefix every derived name still fits: OpenSearch Serverless policy names
 * (`<prefix>-search-data`, 32 characters) are the tightest limit.
 */
const prefixPattern = /^[a-z][a-z0-9-]{1,19}$/;

/** Raised when the stack prefix cannot produce valid AWS resource names. */
export class InvalidStackPrefixError extends Error {
  override readonly name = 'InvalidStackPrefixError';
}

/** The physical names of one deployment, all derived from its prefix. */
export interface PhysicalNames {
  readonly prefix: string;
  readonly statefulStack: string;
  readonly statelessStack: string;
  readonly table: (spec: TableSpec) => string;
  /** `.fifo` is appended for FIFO queues, as SQS requires. */
  readonly queue: (spec: QueueSpec) => string;
  readonly deadLetterQueue: (spec: QueueSpec) => string;
  /** Globally unique: account and region are part of it (resolved at deploy time). */
  readonly attachmentsBucket: string;
  readonly accessLogsBucket: string;
  /** The OpenSearch Serverless collection or the managed domain. */
  readonly search: string;
  readonly secret: (id: string) => string;
}

/**
 * Derives every physical name from the stack prefix.
 *
 * @example
 * physicalNames('switchboard').queue(queues.aiJobs) // 'switchboard-ai-jobs.fifo'
 */
export function physicalNames(prefix: string): PhysicalNames {
  if (!prefixPattern.test(prefix)) {
    throw new InvalidStackPrefixError(
      `stackPrefix "${prefix}" must be 2-20 characters of lowercase letters, digits and hyphens, starting with a letter`,
    );
  }
  const fifoSuffix = (spec: QueueSpec): string => (spec.fifo ? '.fifo' : '');
  return {
    prefix,
    statefulStack: `${prefix}-stateful`,
    statelessStack: `${prefix}-stateless`,
    table: (spec) => `${prefix}-${spec.name}`,
    queue: (spec) => `${prefix}-${spec.name}${fifoSuffix(spec)}`,
    deadLetterQueue: (spec) => `${prefix}-${spec.name}-dlq${fifoSuffix(spec)}`,
    attachmentsBucket: `${prefix}-attachments-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    accessLogsBucket: `${prefix}-access-logs-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    search: `${prefix}-search`,
    secret: (id) => `${prefix}/${id}`,
  };
}
