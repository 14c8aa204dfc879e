/**
 * The hand-off area — layer: runtime (container): the AI turn's conditional conversation writes
 * and the agents' take-over / return-to-bot (agent-api), without the AI turn's models.
 */
import { makeAiTurnRepository } from '../../adapters/dynamodb/ai-turn-repository.js';
import type { AiTurnRepository } from '../../ports/ai-turns.js';
import { makeChangeHandoff } from '../../services/ai/change-handoff.js';
import { deferred, perBase } from './base.js';
import { repositories } from './repositories.js';

/** The conditional turn-state writes over a base's table (AP-90, AP-91). */
export const aiTurnRepository = /* @__PURE__ */ perBase((b): AiTurnRepository => makeAiTurnRepository(b.table));

/** The agents' hand-off actions. */
export interface HandoffServices {
  readonly changeHandoff: ReturnType<typeof makeChangeHandoff>;
}

/** The agents' hand-off actions over a base (the process's by default). */
export const handoffActions = /* @__PURE__ */ perBase((b): HandoffServices => ({
  changeHandoff: deferred(() => makeChangeHandoff({ ...repositories(b), aiTurns: aiTurnRepository(b), clock: b.clock, ids: b.ids })),
}));
