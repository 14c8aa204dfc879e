/**
 * AI settings, costs, notifications and unresolved problems through the real gateway
 * (docs/API.md "AI settings and costs", "Notifications", "Problems"; docs/COSTS.md): validation,
 * roles, the ledger behind the cost reports, budget alerts arriving live, the problems workflow
 * (dedupe, draft queued, approve into the knowledge base, resolve with customer messages) and
 * tenant isolation on every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKnowledgeSourceRepository } from '../../../shared/adapters/dynamodb/knowledge-repository.js';
import { loadConfig } from '../../../shared/runtime/config.js';
import type { Container } from '../../../shared/runtime/container.js';
import { buildBase } from '../../../shared/runtime/containers/base.js';
import { caller, newSignUpDetails, request, sessionCookieOf, signUp, type ApiCall, type SignedInAgent } from '../../helpers/api-client.js';
import { connectSocket, type TestSocket } from '../../helpers/websocket-client.js';
import { customerWrites, testContainer } from './conversation-fixtures.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;

let app: Container;
let admin: SignedInAgent;
let agent: ApiCall;
let other: SignedInAgent;
const sockets: TestSocket[] = [];

/** An agent (not an admin) invited into the admin's account, signed in. */
async function anAgentOf(owner: SignedInAgent): Promise<ApiCall> {
  const details = newSignUpDetails();
  const invited = await owner.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role: 'agent' });
  const accepted = await request(baseUrl(), 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
  return caller(baseUrl(), sessionCookieOf(accepted.setCookies));
}

/** A unit vector at `degrees` in the first two dimensions (similarity of two = cos of the angle between them). */
function direction(degrees: number, dimensions = 8): number[] {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r), ...new Array<number>(dimensions - 2).fill(0)];
}

beforeAll(async () => {
  app = testContainer();
  admin = await signUp(baseUrl());
  agent = await anAgentOf(admin);
  other = await signUp(baseUrl());
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close().catch(() => undefined)));
});

describe('GET and PUT /api/v1/ai/settings', () => {
  it('gives every agent the defaults, and an admin changes only the fields sent', async () => {
    // Prepare
    const owner = await signUp(baseUrl());
    const before = await owner.call('GET', '/api/v1/ai/settings');
    // Act
    const put = await owner.call('PUT', '/api/v1/ai/settings', { monthlyBudgetUsd: 20, hardCapUsd: 30, alertPercents: [80, 50], minConfidence: 0.5 });
    const after = await owner.call('GET', '/api/v1/ai/settings');
    // Assess
    expect(before.status).toBe(200);
    expect(before.body.settings).toEqual({
      enabled: true, maxTier: 'premium', fusionWeights: { semantic: 0.7, keyword: 0.3 }, minScore: 0.2, minConfidence: 0.35, rerank: false,
      monthlyBudgetUsd: 50, alertPercents: [50, 80, 100], hardCapUsd: 60,
    });
    expect(put.status).toBe(200);
    expect(after.body.settings).toEqual({ ...before.body.settings, monthlyBudgetUsd: 20, hardCapUsd: 30, alertPercents: [50, 80], minConfidence: 0.5 });
    expect((await agent('GET', '/api/v1/ai/settings')).status).toBe(200);
  });

  it('turning the AI off is stored on the account (new conversations go to people)', async () => {
    const owner = await signUp(baseUrl());
    const put = await owner.call('PUT', '/api/v1/ai/settings', { enabled: false });
    expect(put.body.settings.enabled).toBe(false);
    expect((await app.repositories.accounts.get(owner.account.id))?.ai).toEqual({ enabled: false });
  });

  it.each([
    [{ fusionWeights: { semantic: 0, keyword: 0 } }, 'body.fusionWeights: semantic and keyword must not both be 0'],
    [{ fusionWeights: { semantic: -1, keyword: 1 } }, 'body.fusionWeights.semantic: must be ≥ 0'],
    [{ minScore: 1.5 }, 'body.minScore: minScore must be between 0 and 1'],
    [{ minConfidence: -0.1 }, 'body.minConfidence: minConfidence must be between 0 and 1'],
    [{ monthlyBudgetUsd: 0 }, 'body.monthlyBudgetUsd: must be more than 0'],
    [{ alertPercents: [10, 20, 30, 40, 50, 60] }, 'body.alertPercents: at most 5 percentages'],
    [{ alertPercents: [0] }, 'body.alertPercents.0: must be 1–100'],
    [{ alertPercents: [101] }, 'body.alertPercents.0: must be 1–100'],
    [{ maxTier: 'vision' }, 'body.maxTier'],
    [{ hardCapUsd: 10 }, 'hardCapUsd: must be at least monthlyBudgetUsd'],
  ])('refuses %j with 400 and a message', async (body, message) => {
    const answer = await admin.call('PUT', '/api/v1/ai/settings', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    expect(answer.body.error.message).toContain(message);
  });

  it('answers 403 to an agent who is not an admin, and 401 without a session', async () => {
    expect((await agent('PUT', '/api/v1/ai/settings', { enabled: false })).status).toBe(403);
    expect((await request(baseUrl(), 'GET', '/api/v1/ai/settings')).status).toBe(401);
    expect((await admin.call('GET', '/api/v1/ai/settings')).body.settings.enabled).toBe(true);
  });
});

describe('GET /api/v1/ai/costs and /api/v1/ai/costs/conversations', () => {
  it('reports what the ledger recorded per day, for the month and per conversation, once per answer', async () => {
    // Prepare
    const owner = await signUp(baseUrl());
    const a = await customerWrites(owner, 'Where is my parcel?', 'Grace Hopper');
    const b = await customerWrites(owner, 'Can I change my order?', 'Alan Turing');
    const now = new Date().toISOString();
    const cost = (conversationId: string, messageId: string, costNanoUsd: number) => app.services.recordAiCost({
      accountId: owner.account.id, conversationId, messageId, at: now, costNanoUsd, inputTokens: 1200, outputTokens: 150, modelId: 'amazon.nova-micro-v1:0',
    });
    // Act
    await cost(a.conversation.id, a.message.id, 1_250_000);
    await cost(a.conversation.id, a.message.id, 1_250_000);
    await cost(b.conversation.id, b.message.id, 3_000_000);
    const costs = await owner.call('GET', '/api/v1/ai/costs');
    const ranking = await owner.call('GET', '/api/v1/ai/costs/conversations');
    const conversation = await owner.call('GET', `/api/v1/conversations/${a.conversation.id}`);
    // Assess
    expect(costs.status).toBe(200);
    expect(costs.body.days).toHaveLength(30);
    expect(costs.body.days.at(-1)).toEqual({ day: now.slice(0, 10), costUsd: 0.00425, turns: 2, inputTokens: 2400, outputTokens: 300 });
    expect(costs.body.month).toEqual({ month: now.slice(0, 7), spendUsd: 0.00425, budgetUsd: 50, hardCapUsd: 60, state: 'ok' });
    expect(ranking.body.conversations).toEqual([
      { conversationId: b.conversation.id, contactName: 'Alan Turing', costUsd: 0.003, turns: 1 },
      { conversationId: a.conversation.id, contactName: 'Grace Hopper', costUsd: 0.00125, turns: 1 },
    ]);
    expect((await app.repositories.conversations.get(owner.account.id, a.conversation.id))?.aiCostNanoUsd).toBe(1_250_000);
    expect(conversation.status).toBe(200);
  });

  it('takes a day range of at most 92 days and refuses a bad one', async () => {
    const range = await admin.call('GET', '/api/v1/ai/costs?from=2026-01-01&to=2026-01-03');
    expect(range.body.days.map((d: { day: string }) => d.day)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    const tooLong = await admin.call('GET', '/api/v1/ai/costs?from=2026-01-01&to=2026-06-01');
    const backwards = await admin.call('GET', '/api/v1/ai/costs?from=2026-02-01&to=2026-01-01');
    const malformed = await admin.call('GET', '/api/v1/ai/costs?from=2026-13-01');
    const badMonth = await admin.call('GET', '/api/v1/ai/costs/conversations?month=2026-1');
    expect([tooLong.status, backwards.status, malformed.status, badMonth.status]).toEqual([400, 400, 400, 400]);
    expect(tooLong.body.error.message).toContain('92 days');
    expect(malformed.body.error.message).toContain('query.from');
  });

  it('answers 403 to an agent who is not an admin', async () => {
    expect((await agent('GET', '/api/v1/ai/costs')).status).toBe(403);
    expect((await agent('GET', '/api/v1/ai/costs/conversations')).status).toBe(403);
  });

  it("never shows another tenant's spend", async () => {
    const owner = await signUp(baseUrl());
    const { conversation, message } = await customerWrites(owner, 'Hello?');
    await app.services.recordAiCost({ accountId: owner.account.id, conversationId: conversation.id, messageId: message.id, at: new Date().toISOString(), costNanoUsd: 5_000_000, inputTokens: 1, outputTokens: 1, modelId: 'm' });
    const stranger = await signUp(baseUrl());
    const costs = await stranger.call('GET', '/api/v1/ai/costs');
    const ranking = await stranger.call('GET', '/api/v1/ai/costs/conversations');
    expect(costs.body.month.spendUsd).toBe(0);
    expect(ranking.body.conversations).toEqual([]);
    expect(JSON.stringify(ranking.body)).not.toContain(conversation.id);
  });
});

describe('budget alerts and /api/v1/notifications', () => {
  it('notifies admins live once per alert percentage, moves the budget state, and marks notifications read once', async () => {
    // Prepare: budget $0.01, cap $0.02, alerts at 50% and 100%; a dashboard socket on the account topic
    const owner = await signUp(baseUrl());
    await owner.call('PUT', '/api/v1/ai/settings', { monthlyBudgetUsd: 0.01, hardCapUsd: 0.02, alertPercents: [50, 100] });
    const origin = app.config.allowedOrigins[0]!;
    const { ticket } = await app.services.issueConnectTicket({ accountId: owner.account.id, principal: { kind: 'agent', agentId: owner.agent.id }, origin });
    const socket = await connectSocket(`${app.config.wsManagementEndpoint.replace(/^http/, 'ws')}/ws?ticket=${ticket}`, origin);
    sockets.push(socket);
    socket.send({ action: 'subscribe', topics: ['account'], id: 'feed' });
    await socket.waitFor((f) => f.type === 'subscribed');
    const { conversation, message } = await customerWrites(owner, 'Budget test');
    const spend = (messageId: string, costNanoUsd: number) => app.services.recordAiCost({
      accountId: owner.account.id, conversationId: conversation.id, messageId, at: new Date().toISOString(), costNanoUsd, inputTokens: 1, outputTokens: 1, modelId: 'm',
    });
    // Act
    await spend(message.id, 6_000_000);
    const live = await socket.waitFor((f) => f.type === 'event' && f.event.type === 'notification.created', 10_000);
    const gateOver = await spend(`${message.id.slice(0, 20)}AAAAAA`, 5_000_000).then(() => app.services.budgetGate(owner.account.id));
    const listed = await owner.call('GET', '/api/v1/notifications');
    // Assess
    expect(live.topic).toBe('account');
    expect(live.event.notification).toMatchObject({ kind: 'budget_alert', title: 'AI spend reached 50% of the monthly budget', link: '/ai/costs' });
    expect(live.event.notification).not.toHaveProperty('accountId');
    expect(gateOver.state).toBe('over_budget');
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(2);
    expect(listed.body.notifications.map((n: { title: string }) => n.title)).toEqual([
      'AI spend reached 100% of the monthly budget', 'AI spend reached 50% of the monthly budget',
    ]);
    const id = listed.body.notifications[0].id;
    const colleague = await anAgentOf(owner);
    const reads = [await colleague('POST', `/api/v1/notifications/${id}/read`), await owner.call('POST', `/api/v1/notifications/${id}/read`)];
    expect(reads.map((r) => r.status)).toEqual([204, 204]);
    const afterRead = await owner.call('GET', '/api/v1/notifications');
    expect(afterRead.body.unread).toBe(1);
    expect(afterRead.body.notifications[0].readAt).toEqual(expect.any(String));
    const costs = await owner.call('GET', '/api/v1/ai/costs');
    expect(costs.body.month).toMatchObject({ spendUsd: 0.011, budgetUsd: 0.01, hardCapUsd: 0.02, state: 'over_budget' });
  });

  it("answers 404 for another tenant's notification and shows none of it", async () => {
    const listed = await admin.call('GET', '/api/v1/notifications');
    const theirs = await other.call('GET', '/api/v1/notifications');
    const owner = await signUp(baseUrl());
    await owner.call('PUT', '/api/v1/ai/settings', { monthlyBudgetUsd: 0.001, hardCapUsd: 0.001, alertPercents: [100] });
    const { conversation, message } = await customerWrites(owner, 'Alert me');
    await app.services.recordAiCost({ accountId: owner.account.id, conversationId: conversation.id, messageId: message.id, at: new Date().toISOString(), costNanoUsd: 2_000_000, inputTokens: 1, outputTokens: 1, modelId: 'm' });
    const own = await owner.call('GET', '/api/v1/notifications');
    const id = own.body.notifications[0].id;
    const answer = await other.call('POST', `/api/v1/notifications/${id}/read`);
    expect(listed.status).toBe(200);
    expect(theirs.body.notifications).toEqual([]);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
    expect((await owner.call('GET', '/api/v1/notifications')).body.unread).toBe(1);
    expect((await other.call('POST', '/api/v1/notifications/not-an-id/read')).status).toBe(400);
  });
});

describe('problems', () => {
  it('groups similar unanswered questions, ranks them by affected contacts and never shows embeddings', async () => {
    // Prepare
    const owner = await signUp(baseUrl());
    const ask = async (name: string, question: string, degrees: number) => {
      const { conversation, contact } = await customerWrites(owner, question, name);
      return app.services.recordUnansweredQuestion({ accountId: owner.account.id, conversationId: conversation.id, contactId: contact.id, question, embedding: direction(degrees) });
    };
    // Act
    const returns = await ask('Ann', 'Can I return worn shoes?', 0);
    await ask('Ben', 'Can I send back shoes I wore?', 20);
    await ask('Cat', 'Return used sneakers?', 10);
    const shipping = await ask('Dan', 'Do you ship to Iceland?', 90);
    const list = await owner.call('GET', '/api/v1/problems');
    const open = await owner.call('GET', '/api/v1/problems?status=open');
    const one = await owner.call('GET', `/api/v1/problems/${returns.problemId}`);
    // Assess
    expect(shipping.created).toBe(true);
    expect(list.status).toBe(200);
    expect(list.body.problems.map((p: { id: string; affectedContacts: number }) => [p.id, p.affectedContacts])).toEqual([[returns.problemId, 3], [shipping.problemId, 1]]);
    expect(open.body.problems).toHaveLength(2);
    expect(one.body.problem).toMatchObject({ question: 'Can I return worn shoes?', status: 'open', occurrences: 3, affectedContacts: 3 });
    expect(one.body.problem.samples).toHaveLength(3);
    expect(one.body.problem).not.toHaveProperty('embedding');
    expect(one.body.problem).not.toHaveProperty('accountId');
    expect((await agent('GET', '/api/v1/problems')).body.problems).toEqual([]);
    expect((await owner.call('GET', '/api/v1/problems?status=closed')).status).toBe(400);
  });

  it('queues a draft (202), approves a fix into a public Markdown knowledge source, and resolves with a message to each affected customer', async () => {
    // Prepare
    const owner = await signUp(baseUrl());
    const asked = await customerWrites(owner, 'Do you gift wrap?', 'Eve');
    const { problemId } = await app.services.recordUnansweredQuestion({
      accountId: owner.account.id, conversationId: asked.conversation.id, contactId: asked.contact.id, question: 'Do you gift wrap?', embedding: direction(45),
    });
    const path = `/api/v1/problems/${problemId}`;
    // Act
    const draft = await owner.call('POST', `${path}/draft`);
    const approve = await owner.call('POST', `${path}/approve`, { title: 'Gift wrapping', content: '# Gift wrapping\n\nEvery order can be gift wrapped for $3 at checkout.' });
    const approveAgain = await owner.call('POST', `${path}/approve`, { title: 'Gift wrapping', content: 'Again' });
    const resolve = await owner.call('POST', `${path}/resolve`, { message: 'We gift wrap now: pick it at checkout.' });
    const resolveAgain = await owner.call('POST', `${path}/resolve`, {});
    const draftResolved = await owner.call('POST', `${path}/draft`);
    // Assess
    expect(draft.status).toBe(202);
    expect(draft.body.problem.id).toBe(problemId);
    expect(approve.status).toBe(200);
    expect(approve.body.problem.sourceId).toBe(approve.body.sourceId);
    const source = await makeKnowledgeSourceRepository(buildBase(loadConfig(process.env)).table).get(owner.account.id, approve.body.sourceId);
    expect(source).toMatchObject({ kind: 'markdown', title: 'Gift wrapping', visibility: 'public', version: 1 });
    expect(approveAgain.status).toBe(409);
    expect(approveAgain.body.error.code).toBe('problem_state');
    expect(resolve.status).toBe(200);
    expect(resolve.body).toMatchObject({ notified: 1, problem: { status: 'resolved', resolvedAt: expect.any(String) } });
    const messages = await owner.call('GET', `/api/v1/conversations/${asked.conversation.id}/messages`);
    const botMessages = messages.body.items.filter((m: { authorType: string }) => m.authorType === 'bot');
    expect(botMessages).toEqual([expect.objectContaining({ type: 'outgoing', body: 'We gift wrap now: pick it at checkout.' })]);
    expect([resolveAgain.status, draftResolved.status]).toEqual([409, 409]);
    expect((await owner.call('GET', '/api/v1/problems?status=resolved')).body.problems.map((p: { id: string }) => p.id)).toEqual([problemId]);
  });

  it('validates the approve and resolve bodies', async () => {
    const owner = await signUp(baseUrl());
    const asked = await customerWrites(owner, 'Question?');
    const { problemId } = await app.services.recordUnansweredQuestion({ accountId: owner.account.id, conversationId: asked.conversation.id, contactId: asked.contact.id, question: 'Question?', embedding: direction(0) });
    const answers = await Promise.all([
      owner.call('POST', `/api/v1/problems/${problemId}/approve`, { title: '', content: 'x' }),
      owner.call('POST', `/api/v1/problems/${problemId}/approve`, { title: 'x' }),
      owner.call('POST', `/api/v1/problems/${problemId}/approve`, { title: 'x'.repeat(201), content: 'x' }),
      owner.call('POST', `/api/v1/problems/${problemId}/resolve`, { message: 'x'.repeat(2001) }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(answers[0]!.body.error.message).toContain('body.title');
  });

  it('answers 403 to an agent who is not an admin for draft, approve and resolve', async () => {
    const asked = await customerWrites(admin, 'Role test?');
    const { problemId } = await app.services.recordUnansweredQuestion({ accountId: admin.account.id, conversationId: asked.conversation.id, contactId: asked.contact.id, question: 'Role test?', embedding: direction(7) });
    const answers = await Promise.all([
      agent('POST', `/api/v1/problems/${problemId}/draft`),
      agent('POST', `/api/v1/problems/${problemId}/approve`, { title: 't', content: 'c' }),
      agent('POST', `/api/v1/problems/${problemId}/resolve`, {}),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect((await agent('GET', `/api/v1/problems/${problemId}`)).status).toBe(200);
  });

  it("answers 404 for another tenant's problem on every route, with nothing of it in the body and nothing changed", async () => {
    const asked = await customerWrites(admin, 'Secret question about order 4411?');
    const { problemId } = await app.services.recordUnansweredQuestion({ accountId: admin.account.id, conversationId: asked.conversation.id, contactId: asked.contact.id, question: 'Secret question about order 4411?', embedding: direction(60) });
    const path = `/api/v1/problems/${problemId}`;
    const answers = await Promise.all([
      other.call('GET', path),
      other.call('POST', `${path}/draft`),
      other.call('POST', `${path}/approve`, { title: 't', content: 'c' }),
      other.call('POST', `${path}/resolve`, { message: 'hi' }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(answers.map((a) => a.body.error.code)).toEqual(['not_found', 'not_found', 'not_found', 'not_found']);
    expect(JSON.stringify(answers.map((a) => a.body))).not.toContain('4411');
    expect(JSON.stringify((await other.call('GET', '/api/v1/problems')).body)).not.toContain(problemId);
    expect((await admin.call('GET', path)).body.problem).toMatchObject({ status: 'open' });
    expect((await other.call('GET', '/api/v1/problems/not-an-id')).status).toBe(400);
  });
});
