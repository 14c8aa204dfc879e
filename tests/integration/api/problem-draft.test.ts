/**
 * A problem's fix draft end to end (docs/COSTS.md "Unresolved problems"): the admin's request
 * queues a `draft-problem-fix` job, ai-responder asks the mid-tier model (the REAL Bedrock adapter
 * against the laptop's local Bedrock server, scripted) with the agents' replies quoted as data,
 * stores the draft, notifies admins and counts the draft's tokens in the month's spend.
 */
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelForTier } from '../../../shared/domain/ai-models.js';
import type { Container } from '../../../shared/runtime/container.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { fakeBedrock } from '../../helpers/fake-bedrock.js';
import { customerWrites, testContainer } from './conversation-fixtures.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;

let app: Container;
let owner: SignedInAgent;

/** Polls the problem until `done` holds (the queue poller runs the job within a few seconds). */
async function problemWhen(problemId: string, done: (problem: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await owner.call('GET', `/api/v1/problems/${problemId}`);
    if (done(body.problem)) return body.problem;
    if (Date.now() > until) throw new Error(`problem not done in ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

beforeAll(async () => {
  app = testContainer();
  owner = await signUp(baseUrl());
  // People answer here (the bot stays out of these conversations).
  await owner.call('PUT', '/api/v1/ai/settings', { enabled: false });
});

describe('POST /api/v1/problems/{problemId}/draft, through ai-responder', () => {
  it("drafts an FAQ entry from the agents' replies with the mid-tier model, notifies admins and counts the cost", async () => {
    // Prepare: a customer question the bot could not answer (a problem), then answered by an agent; the model's answer scripted
    const token = `GIFTCARD${ulid().slice(-8)}`;
    const question = `Can I use a gift card abroad? (${token})`;
    const asked = await customerWrites(owner, question, 'Nora');
    const { problemId } = await app.services.recordUnansweredQuestion({
      accountId: owner.account.id, conversationId: asked.conversation.id, contactId: asked.contact.id, question, embedding: [1, 0, 0, 0],
    });
    await owner.call('POST', `/api/v1/conversations/${asked.conversation.id}/messages`, { body: 'Yes: gift cards work in every country we ship to, in euros.' });
    const bedrock = fakeBedrock();
    await bedrock.script(token, [{ text: 'Title: Using gift cards abroad\n\nGift cards work in **every country we ship to**, in euros.', usage: { inputTokens: 400, outputTokens: 40 } }]);
    const spentBefore = (await owner.call('GET', '/api/v1/ai/costs')).body.month.spendUsd;
    // Act
    const queued = await owner.call('POST', `/api/v1/problems/${problemId}/draft`);
    const drafted = await problemWhen(problemId, (p) => p.status === 'fix_drafted');
    // Assess
    expect(queued.status).toBe(202);
    expect(drafted.draft).toMatchObject({ title: 'Using gift cards abroad', content: 'Gift cards work in **every country we ship to**, in euros.' });
    const [seen] = await bedrock.requests(token);
    expect(seen?.modelId).toContain(modelForTier('mid').modelId.replace(/^[a-z]{2}\./, ''));
    expect(seen?.lastUserText).toContain('<document kind="agent_reply">Yes: gift cards work in every country we ship to, in euros.</document>');
    const notifications = await owner.call('GET', '/api/v1/notifications');
    expect(notifications.body.notifications[0]).toMatchObject({ kind: 'problem_fix_drafted', link: `/problems/${problemId}` });
    const costs = await owner.call('GET', '/api/v1/ai/costs');
    expect(costs.body.month.spendUsd).toBeGreaterThan(spentBefore);
  });
});
