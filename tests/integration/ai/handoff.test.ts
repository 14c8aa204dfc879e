/**
 * Hand-off end to end on the laptop cloud: the customer asks for a person (summary by the model's
 * forced tool, pending hand-off, activity line, notice, auto-assignment to the connected agent),
 * the bot stays silent once a person replies, agents take over and return conversations through
 * the API, an uncovered question hands off and becomes a problem, and the budget first degrades
 * routing to the small model and then, at the hard cap, hands every conversation to people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelForTier } from '../../../shared/domain/ai-models.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { fakeBedrock } from '../../helpers/fake-bedrock.js';
import type { TestSocket } from '../../helpers/websocket-client.js';
import { eventually } from '../local/support.js';
import { agentMessages, agentSocket, aTenantWithKnowledge, aVisitor, baseUrl, botMessages, conversationOf, uniqueToken } from './support.js';

const returns = '# Returns\n\nUnworn shoes can be returned within 30 days of delivery for a full refund.\n\n## Refunds\n\nRefunds reach the original card within 5 working days.';

let admin: SignedInAgent;
let agent: TestSocket;
const closing: { close(): Promise<void> }[] = [];
const bedrock = fakeBedrock();

beforeAll(async () => {
  admin = await aTenantWithKnowledge([{ kind: 'markdown', title: 'Returns policy', content: returns }]);
  agent = await agentSocket(admin);
  closing.push(agent);
}, 60_000);

afterAll(async () => {
  await Promise.all(closing.map((c) => c.close().catch(() => undefined)));
});

async function visitorOf(tenant: SignedInAgent) {
  const v = await aVisitor(tenant);
  closing.push(v);
  return v;
}

describe('hand-off', () => {
  it('hands off with a summary when the customer asks for a person, assigns the connected agent, and goes silent once a person replies', async () => {
    // Prepare
    const token = uniqueToken();
    await bedrock.script(token, [{ toolUse: { name: 'record_summary', input: { summary: 'The customer wants a person about order 77.' } } }]);
    const v = await visitorOf(admin);
    // Act
    await v.says(`Order 77 is late, I want to talk to a human please (${token})`);
    const [notice] = await botMessages(admin, v.conversationId);
    // Assess
    // Auto-assignment is the hand-off's last step, just after the notice.
    const conversation = await eventually(async () => {
      const c = await conversationOf(admin, v.conversationId);
      return c.assigneeId ? c : undefined;
    }, 10_000, 'the assignment');
    expect(conversation).toMatchObject({ handledBy: 'pending_handoff', assigneeId: admin.agent.id, aiSummary: { text: 'The customer wants a person about order 77.', reason: 'customer_asked' } });
    const [summaryCall] = await bedrock.requests(token, 'converse');
    expect(summaryCall?.modelId).toContain(modelForTier('small').modelId);
    expect(JSON.stringify(summaryCall?.body)).toContain('"toolChoice":{"tool":{"name":"record_summary"}}');
    const lines = await agentMessages(admin, v.conversationId);
    expect(lines.some((m) => m.type === 'activity' && m.body === 'Handed to a person: the customer asked for a person')).toBe(true);
    expect(notice.body).toContain('colleague');

    // Act: a person replies, then the customer writes again
    const reply = await admin.call('POST', `/api/v1/conversations/${v.conversationId}/messages`, { body: 'Hi, I am looking at order 77 now.' });
    expect(reply.status).toBe(201);
    const later = uniqueToken();
    await v.says(`Thanks, any news? (${later})`);
    await new Promise((r) => setTimeout(r, 3_000));
    // Assess
    expect((await conversationOf(admin, v.conversationId)).handledBy).toBe('human');
    expect(await bedrock.requests(later)).toEqual([]);
    expect((await agentMessages(admin, v.conversationId)).filter((m) => m.authorType === 'bot')).toHaveLength(1);
  }, 40_000);

  it('lets an agent take a conversation over and return it to the bot, which then answers again; another tenant gets 404', async () => {
    // Prepare
    const v = await visitorOf(admin);
    await v.says('How many days do I have to return unworn shoes?');
    await botMessages(admin, v.conversationId);
    const path = `/api/v1/conversations/${v.conversationId}/handoff`;
    const stranger = await signUp(baseUrl());
    // Act
    const taken = await admin.call('POST', path, { to: 'human' });
    const returned = await admin.call('POST', path, { to: 'bot' });
    const foreign = await stranger.call('POST', path, { to: 'human' });
    const invalid = await admin.call('POST', path, { to: 'robot' });
    await v.says('And when do refunds reach the original card?');
    // Assess
    expect(taken.status).toBe(200);
    expect(taken.body.conversation).toMatchObject({ handledBy: 'human', assigneeId: admin.agent.id });
    expect(returned.body.conversation.handledBy).toBe('bot');
    expect(foreign.status).toBe(404);
    expect(invalid.status).toBe(400);
    const bots = await botMessages(admin, v.conversationId, 2);
    expect(bots[1].ai).toBeDefined();
    const lines = (await agentMessages(admin, v.conversationId)).filter((m) => m.type === 'activity').map((m) => m.body);
    expect(lines).toEqual(expect.arrayContaining([`${admin.agent.name} took over from the assistant`, `${admin.agent.name} returned the conversation to the assistant`]));
  }, 40_000);

  it('hands off a question the knowledge base does not cover and records it as a problem', async () => {
    // Prepare
    const v = await visitorOf(admin);
    // Act
    await v.says('Do you repair vintage typewriters with broken ribbons?');
    await botMessages(admin, v.conversationId);
    // Assess
    const conversation = await conversationOf(admin, v.conversationId);
    expect(conversation).toMatchObject({ handledBy: 'pending_handoff', aiSummary: { reason: 'low_confidence' } });
    const problems = await eventually(async () => {
      const { body } = await admin.call('GET', '/api/v1/problems');
      return body.problems.length > 0 ? body.problems : undefined;
    }, 10_000, 'a problem');
    expect(JSON.stringify(problems)).toContain('vintage typewriters');
  }, 40_000);
});

describe('budget', () => {
  it('answers with the small model above the monthly budget and hands off at the hard cap', async () => {
    // Prepare
    const owner = await aTenantWithKnowledge([{ kind: 'markdown', title: 'Returns policy', content: returns }]);
    const budget = await owner.call('PUT', '/api/v1/ai/settings', { monthlyBudgetUsd: 0.000001, hardCapUsd: 1000 });
    expect(budget.status, JSON.stringify(budget.body)).toBe(200);
    const v = await visitorOf(owner);
    await v.says('How many days do I have to return unworn shoes?');
    await botMessages(owner, v.conversationId);
    const hard = uniqueToken();
    // Act: over budget
    await v.says(`My refund never arrived and I was charged twice, which is unacceptable. When do refunds reach the original card, and if I return unworn shoes again, will that be refunded too? (${hard})`);
    const [, degraded] = await botMessages(owner, v.conversationId, 2);
    // Assess
    expect(degraded.ai.tier).toBe('small');
    expect(degraded.ai.trace.routingReason).toContain('budget');
    const [request] = await bedrock.requests(hard, 'converse-stream');
    expect(request?.modelId).toContain(modelForTier('small').modelId);

    // Act: at the hard cap
    const capped = await owner.call('PUT', '/api/v1/ai/settings', { hardCapUsd: 0.000001 });
    expect(capped.status, JSON.stringify(capped.body)).toBe(200);
    const last = uniqueToken();
    await v.says(`One more question about returns (${last})`);
    await botMessages(owner, v.conversationId, 3);
    // Assess
    expect((await conversationOf(owner, v.conversationId)).aiSummary?.reason).toBe('budget_exhausted');
    expect((await bedrock.requests(last)).filter((r) => r.operation !== 'invoke')).toEqual([]);
  }, 60_000);
});
