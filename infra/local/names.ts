/**
 * Physical resource names — layer: infra (local composition root).
 *
 * The laptop uses the names the CDK stacks deploy, so logs, data and documentation read the
 * same in both places: `switchboard-main`, `switchboard-outbound.fifo` and its
 * `switchboard-outbound-dlq.fifo`, `switchboard-attachments`.
 */
import { table, type QueueSpec } from '../manifest.js';

/** Prefix of every physical resource name. */
export const resourcePrefix = 'switchboard';

/** The physical table name. */
export const defaultTableName = `${resourcePrefix}-${table.name}`;

/** The attachments bucket. */
export const defaultBucketName = `${resourcePrefix}-attachments`;

/** The physical name of a queue and of its DLQ, `.fifo` suffixed when FIFO (SQS requires it). */
export function queueNames(spec: QueueSpec): { readonly main: string; readonly dlq: string } {
  const suffix = spec.fifo ? '.fifo' : '';
  return { main: `${resourcePrefix}-${spec.name}${suffix}`, dlq: `${resourcePrefix}-${spec.name}-dlq${suffix}` };
}
