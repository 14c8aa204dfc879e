/**
 * A fuller function list for the infra tests — helper, not a test.
 *
 * The manifest of this issue has only WebSocket and table-stream functions. These variants add
 * every other trigger kind and permission (HTTP routes, each queue, a schedule, an unfiltered
 * stream, read-only table access, bucket, Bedrock, search) shaped like the functions DESIGN.md §1
 * plans, so the stacks' handling of them is synthesized and checked by cdk-nag today. Their
 * names carry a `variant-` prefix and their routes a `/variant` prefix, so they never collide
 * with the real functions as those are built. Their entries point at an existing handler file:
 * bundling is skipped in these tests.
 */
import type { PermissionsWithSearch } from '../../infra/constructs/grants.js';
import { functions, type FunctionSpec } from '../../infra/manifest.js';

const entry = 'functions/ws.ts';

const agentApi: PermissionsWithSearch = { table: 'read-write', sendTo: ['outbound'], bucket: 'read-write', search: 'read' };
const aiResponder: PermissionsWithSearch = { table: 'read-write', sendTo: ['outbound'], bedrock: true, search: 'read' };
const knowledgeIndexer: PermissionsWithSearch = { table: 'read', bucket: 'read', bedrock: true, search: 'read-write' };

/** The manifest's functions plus one of every other trigger and permission. */
export const variantFunctions: readonly FunctionSpec[] = [
  ...functions,
  {
    name: 'variant-agent-api',
    entry,
    description: 'Variant: HTTP routes, outbound queue, attachments, search read',
    trigger: { kind: 'http', routes: ['GET /variant/api/v1/conversations', 'POST /variant/api/v1/conversations/{id}/messages'] },
    permissions: agentApi,
    memoryMb: 1024,
    timeoutSeconds: 10,
  },
  {
    name: 'variant-webhooks',
    entry,
    description: 'Variant: another HTTP function, sends AI jobs',
    trigger: { kind: 'http', routes: ['POST /variant/webhooks/twilio/{inboxId}'] },
    permissions: { table: 'read-write', sendTo: ['aiJobs'] },
    memoryMb: 512,
    timeoutSeconds: 10,
  },
  {
    name: 'variant-ai-responder',
    entry,
    description: 'Variant: FIFO queue consumer with Bedrock and search',
    trigger: { kind: 'queue', queue: 'aiJobs', batchSize: 1 },
    permissions: aiResponder,
    memoryMb: 1024,
    timeoutSeconds: 60,
  },
  {
    name: 'variant-outbound-sender',
    entry,
    description: 'Variant: FIFO queue consumer',
    trigger: { kind: 'queue', queue: 'outbound', batchSize: 10 },
    permissions: { table: 'read-write' },
    memoryMb: 512,
    timeoutSeconds: 30,
  },
  {
    name: 'variant-knowledge-indexer',
    entry,
    description: 'Variant: standard queue consumer with a batching window, read-only table',
    trigger: { kind: 'queue', queue: 'knowledge', batchSize: 10, maxBatchingWindowSeconds: 5 },
    permissions: knowledgeIndexer,
    memoryMb: 1024,
    timeoutSeconds: 120,
  },
  {
    name: 'variant-scheduler',
    entry,
    description: 'Variant: scheduled, read-only table',
    trigger: { kind: 'schedule', rate: 'rate(1 minute)' },
    permissions: { table: 'read' },
    memoryMb: 256,
    timeoutSeconds: 60,
  },
  {
    name: 'variant-stream-auditor',
    entry,
    description: 'Variant: table stream without an entity filter',
    trigger: { kind: 'table-stream', batchSize: 50 },
    permissions: { table: 'read' },
    memoryMb: 256,
    timeoutSeconds: 30,
  },
];
