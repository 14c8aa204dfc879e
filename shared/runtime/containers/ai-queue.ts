/**
 * Queueing AI turns — layer: runtime (container). Its own small area so that widget-api, which
 * only queues jobs, bundles none of the AI turn's models or retrieval.
 */
import { makeQueueAiTurn } from '../../services/ai/queue-ai-turn.js';
import { deferred, perBase } from './base.js';
import { jobQueue } from './ports.js';

/** The widget's AI-job step over a base (the process's by default). */
export const aiTurnQueue = /* @__PURE__ */ perBase((b) => ({
  queueAiTurn: deferred(() => makeQueueAiTurn({ jobs: jobQueue(b), clock: b.clock })),
}));
