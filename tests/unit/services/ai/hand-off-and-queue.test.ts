import { describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { agentMessageView, publicMessageView } from '../../../../shared/domain/realtime-events.js';
import { conversationView } from '../../../../shared/domain/conversation-rules.js';
import type { AiAnswerMeta } from '../../../../shared/domain/entities.js';
import { makeAnswerStreams } from '../../../../shared/services/ai/answer-stream.js';
import { makeChangeHandoff } from '../../../../shared/services/ai/change-handoff.js';
import { HandoffConflictError } from '../../../../shared/services/ai/errors.js';
import { makeQueueAiTurn } from '../../../../shared/services/ai/queue-ai-turn.js';
import { makeRunAiTurn } from '../../../../shared/services/ai/run-ai-turn.js';
import { aiResponderHandler } from '../../../../shared/runtime/queues/ai-responder.js';
import type { AiJob } from '../../../../shared/ports/job-queue.js';
import { aConversation, aMessage, newId } from '../../../helpers/fixtures.js';
import { memoryAiTurnDeps, memoryAiTurns } from '../../../helpers/in-memory-ai-ports.js';
import { fixedClock, memoryConnections, recordingPublisher } from '../../../helpers/in-memory-ports.js';
import { memoryConversationPorts } from '../../../helpers/in-memory-conversation-ports.js';

const meta: AiAnswerMeta = {
  modelId: 'm', pricedAs: 'm', tier: 'small', inputTokens: 10, outputTokens: 5, costNanoUsd: 63_000, latencyMs: 900,
  citations: [{ sourceId: 's', chunkId: 'c', title: 'Returns', url: 'https://shop.test/returns', score: 0.8 }],
  trace: { chunks: [], complexity: 0.1, routingReason: 'complexity 0.10 → small', confidence: 0.8, toolCalls: [] },
};

describe('changeHandoff (agents take over and return to the bot)', () => {
  async function world(handledBy: 'bot' | 'pending_handoff' | 'human', ai?: { enabled: boolean }) {
    const { deps } = memoryConversationPorts();
    const accountId = newId();
    await deps.accounts.create({ id: accountId, name: 'Acme', mfaRequired: false, autoAssign: true, agentCapacity: 5, ...(ai ? { ai } : {}), createdAt: deps.clock.nowIso() });
    const conversation = aConversation({ accountId, handledBy });
    await deps.conversations.create(conversation);
    const agentId = newId();
    await deps.agents.create({ accountId, id: agentId, email: 'g@acme.test', name: 'Grace', role: 'agent', passwordHash: 'x', disabled: false, createdAt: deps.clock.nowIso() });
    const change = makeChangeHandoff({ ...deps, aiTurns: memoryAiTurns(deps.conversations) });
    return { deps, change, accountId, agentId, conversation };
  }

  it('takes a pending hand-off over: human, assigned to the caller, with an activity line', async () => {
    const { deps, change, accountId, agentId, conversation } = await world('pending_handoff');
    const after = await change({ accountId, agentId, conversationId: conversation.id, to: 'human' });
    expect(after).toMatchObject({ handledBy: 'human', assigneeId: agentId });
    const lines = await deps.messages.list(accountId, conversation.id, { limit: 5 });
    expect(lines.map((m) => m.body)).toEqual(['Grace took over from the assistant']);
  });

  it('returns a conversation to the bot, and answers unchanged when it is already there', async () => {
    const { deps, change, accountId, agentId, conversation } = await world('human');
    expect((await change({ accountId, agentId, conversationId: conversation.id, to: 'bot' })).handledBy).toBe('bot');
    expect((await change({ accountId, agentId, conversationId: conversation.id, to: 'bot' })).handledBy).toBe('bot');
    expect(await deps.messages.list(accountId, conversation.id, { limit: 5 })).toHaveLength(1);
  });

  it('refuses to return a conversation to the bot when the AI is off, and 404s another account\'s conversation', async () => {
    const { change, accountId, agentId, conversation } = await world('human', { enabled: false });
    await expect(change({ accountId, agentId, conversationId: conversation.id, to: 'bot' })).rejects.toThrow(HandoffConflictError);
    await expect(change({ accountId: newId(), agentId, conversationId: conversation.id, to: 'human' })).rejects.toThrow('Conversation not found');
  });
});

describe('queueAiTurn (widget messages)', () => {
  it('queues a job for a new message of a bot conversation only', async () => {
    const jobs: AiJob[] = [];
    const queue = makeQueueAiTurn({ jobs: { enqueueAiJob: async (job) => { jobs.push(job); } }, clock: fixedClock() });
    const bot = aConversation({ handledBy: 'bot' });
    const human = aConversation({ handledBy: 'human' });
    expect(await queue({ conversation: bot, message: aMessage({ conversationId: bot.id }), created: true })).toBe(true);
    expect(await queue({ conversation: human, message: aMessage(), created: true })).toBe(false);
    expect(await queue({ conversation: bot, message: aMessage({ createdAt: '2026-11-23T09:00:00.000Z' }), created: false })).toBe(false);
    expect(jobs).toEqual([{ kind: 'ai-turn', accountId: bot.accountId, conversationId: bot.id, messageId: expect.any(String) }]);
  });

  it('answers 503 (AiQueueUnavailableError) when the queue refuses', async () => {
    const queue = makeQueueAiTurn({ jobs: { enqueueAiJob: async () => { throw new Error('down'); } }, clock: fixedClock() });
    await expect(queue({ conversation: aConversation(), message: aMessage(), created: true })).rejects.toMatchObject({ name: 'AiQueueUnavailableError' });
  });
});

describe('runAiTurn retries', () => {
  it('gives the claim back and throws on a retryable model failure before the last attempt, then answers on the retry', async () => {
    // Prepare
    const world = memoryAiTurnDeps();
    const { deps: c } = world.ports;
    const conversation = aConversation({ accountId: world.ids.next(), seq: 0 });
    await c.accounts.create({ id: conversation.accountId, name: 'Acme', mfaRequired: false, autoAssign: true, agentCapacity: 5, createdAt: c.clock.nowIso() });
    await c.conversations.create(conversation);
    const question = await c.messages.append({ ...aMessage({ accountId: conversation.accountId, conversationId: conversation.id, inboxId: conversation.inboxId, id: world.ids.next(), createdAt: c.clock.nowIso() }) });
    world.models.small.script.push({ error: 'throttled', retryable: true });
    const run = makeRunAiTurn(world.deps);
    const job = { kind: 'ai-turn' as const, accountId: conversation.accountId, conversationId: conversation.id, messageId: question.id };
    // Act / Assess
    await expect(run(job, { finalAttempt: false })).rejects.toMatchObject({ name: 'ModelUnavailableError' });
    expect((await c.conversations.get(conversation.accountId, conversation.id))?.aiAnsweredThrough).toBeUndefined();
    expect(await run(job, { finalAttempt: false })).toBe('answered');
  });
});

describe('aiResponderHandler', () => {
  const record = (body: unknown, id: string, receiveCount = '1') => ({ messageId: id, receiptHandle: `rh-${id}`, body: JSON.stringify(body), attributes: { ApproximateReceiveCount: receiveCount } });

  it('dispatches ai-turn and draft-problem-fix jobs, drops malformed ones, and stops at the first failure (FIFO)', async () => {
    // Prepare
    const seen: string[] = [];
    const delays: [string, number][] = [];
    const handler = aiResponderHandler({
      runAiTurn: async (job, options) => {
        seen.push(`turn:${job.messageId}:${options.finalAttempt}`);
        if (job.messageId === failing) throw new Error('boom');
        return 'answered';
      },
      draftProblemFix: async (job) => seen.push(`draft:${job.problemId}`),
      delay: async (handle, seconds) => { delays.push([handle, seconds]); },
    });
    const [accountId, conversationId, ok, failing, later, problemId] = [newId(), newId(), newId(), newId(), newId(), newId()];
    const event = { Records: [
      record({ kind: 'ai-turn', accountId, conversationId, messageId: ok }, 'r1', '3'),
      record({ kind: 'draft-problem-fix', accountId, problemId }, 'r2'),
      record({ kind: 'nonsense' }, 'r3'),
      record({ kind: 'ai-turn', accountId, conversationId, messageId: failing }, 'r4', '2'),
      record({ kind: 'ai-turn', accountId, conversationId, messageId: later }, 'r5'),
    ] } as unknown as SQSEvent;
    // Act
    const result = await handler(event);
    // Assess
    expect(seen).toEqual([`turn:${ok}:true`, `draft:${problemId}`, `turn:${failing}:false`]);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'r4' }, { itemIdentifier: 'r5' }]);
    expect(delays).toEqual([['rh-r4', 4], ['rh-r5', 0]]);
  });
});

describe('answer streams and views', () => {
  it('coalesces deltas within the flush window into one frame per connection', async () => {
    const { subscriptions } = memoryConnections();
    const publisher = recordingPublisher();
    const accountId = newId();
    const conversationId = newId();
    await subscriptions.subscribe(accountId, 'v', `public:conversation:${conversationId}`, 0);
    const stream = await makeAnswerStreams({ subscriptions, publisher, flushMs: 1_000 }).open({ accountId, conversationId, messageId: 'm1', seq: 4 });
    stream.push('Hel');
    stream.push('lo');
    await stream.close();
    expect(publisher.sent).toEqual([{ connectionId: 'v', frame: { type: 'event', topic: `conversation:${conversationId}`, event: { type: 'ai.delta', conversationId, seq: 4, messageId: 'm1', text: 'Hello', index: 0 } } }]);
  });

  it('shows agents the AI cost in dollars and customers only the citations\' titles and links', () => {
    const message = aMessage({ type: 'outgoing', authorType: 'bot', ai: meta });
    expect(agentMessageView(message).ai).toMatchObject({ costUsd: 0.000063 });
    expect(agentMessageView(message).ai).not.toHaveProperty('costNanoUsd');
    const visible = publicMessageView(message) as Record<string, unknown>;
    expect(visible.citations).toEqual([{ title: 'Returns', url: 'https://shop.test/returns' }]);
    expect(visible).not.toHaveProperty('ai');
    const view = conversationView(aConversation({ aiCostNanoUsd: 1_500_000, aiAnsweredThrough: newId() }));
    expect(view.aiCostUsd).toBe(0.0015);
    expect(view).not.toHaveProperty('aiAnsweredThrough');
  });
});
