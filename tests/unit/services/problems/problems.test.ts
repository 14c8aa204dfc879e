/**
 * Unresolved problems (shared/services/problems): dedupe of unanswered questions, the fix draft,
 * and resolution with customer messages, over in-memory ports.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/domain/entities.js';
import type { Problem } from '../../../../shared/domain/problems.js';
import type { ConverseRequest, LanguageModel } from '../../../../shared/ports/language-model.js';
import type { ProblemRepository } from '../../../../shared/ports/problems.js';
import type { NotifyInput } from '../../../../shared/services/notifications/notify.js';
import { makeDraftProblemFix, makeRecordUnansweredQuestion, makeResolveProblem, parseDraft } from '../../../../shared/services/problems/index.js';

/** Problems in memory, with the same version rules as the DynamoDB repository. */
function memoryProblems() {
  const items = new Map<string, Problem>();
  const contacts = new Map<string, Set<string>>();
  const repo: ProblemRepository = {
    async create(p) {
      items.set(p.id, p);
      contacts.set(p.id, new Set(p.samples.map((s) => s.contactId)));
    },
    async get(_a, id) { return items.get(id); },
    async listByStatus(_a, status) { return [...items.values()].filter((p) => p.status === status); },
    async recordOccurrence(_a, id, o, expected) {
      const p = items.get(id);
      if (!p || p.version !== expected) return 'conflict';
      const set = contacts.get(id)!;
      const isNew = !set.has(o.contactId);
      set.add(o.contactId);
      items.set(id, { ...p, occurrences: p.occurrences + 1, affectedContacts: p.affectedContacts + (isNew ? 1 : 0), samples: o.samples, lastSeenAt: o.at, version: p.version + 1 });
      return 'updated';
    },
    async update(_a, id, changes, expected) {
      const p = items.get(id);
      if (!p || p.version !== expected) return undefined;
      const next = { ...p, ...changes, version: p.version + 1 };
      items.set(id, next);
      return next;
    },
    async listContacts(_a, id) { return [...(contacts.get(id) ?? [])]; },
  };
  return { repo, items };
}

let n = 0;
const ids = { next: () => `ID${String((n += 1)).padStart(24, '0')}`, secretToken: () => 'secret' };
const clock = { nowMs: () => Date.parse('2026-12-10T10:00:00.000Z'), nowIso: () => '2026-12-10T10:00:00.000Z' };

describe('recordUnansweredQuestion', () => {
  it('groups questions at cosine ≥ 0.85, counts each contact once, and opens a new problem otherwise', async () => {
    const { repo, items } = memoryProblems();
    const record = makeRecordUnansweredQuestion({ problems: repo, clock, ids });
    const ask = (contactId: string, question: string, embedding: number[]) => record({ accountId: 'A', conversationId: `conv-${contactId}`, contactId, question, embedding });

    const first = await ask('k1', 'Can I return worn shoes?', [1, 0, 0]);
    const again = await ask('k1', 'Can I return shoes I wore?', [0.95, 0.1, 0]);
    const other = await ask('k2', 'return used shoes', [0.9, 0.3, 0.1]);
    const unrelated = await ask('k3', 'Do you ship to Iceland?', [0, 0, 1]);

    expect(first.created).toBe(true);
    expect([again, other]).toEqual([{ problemId: first.problemId, created: false }, { problemId: first.problemId, created: false }]);
    expect(unrelated.created).toBe(true);
    expect(items.get(first.problemId)).toMatchObject({ question: 'Can I return worn shoes?', affectedContacts: 2, occurrences: 3 });
    expect(items.get(first.problemId)?.samples.map((s) => s.question)).toEqual(['Can I return worn shoes?', 'Can I return shoes I wore?', 'return used shoes']);
  });
});

describe('draftProblemFix', () => {
  function aProblem(): Problem {
    return {
      accountId: 'A', id: 'P1', question: 'Can I return worn shoes?', embedding: [1, 0], status: 'open', affectedContacts: 2, occurrences: 2,
      samples: [{ conversationId: 'C1', contactId: 'k1', question: 'Can I return worn shoes?', at: '2026-12-01T10:00:00.000Z' }],
      version: 1, createdAt: '2026-12-01T10:00:00.000Z', lastSeenAt: '2026-12-01T10:00:00.000Z',
    };
  }
  function aMessage(overrides: Partial<Message>): Message {
    return {
      accountId: 'A', conversationId: 'C1', inboxId: 'I', id: `M${(n += 1)}`, seq: 1, type: 'outgoing', status: 'sent', authorType: 'agent',
      body: '', createdAt: '2026-12-01T10:05:00.000Z', ...overrides,
    };
  }
  function aModel(text: string, seen: ConverseRequest[]): LanguageModel {
    return {
      modelId: 'mid-model',
      async converse(request) {
        seen.push(request);
        return { content: [{ text }], stopReason: 'end_turn', usage: { inputTokens: 300, outputTokens: 60 }, modelId: 'mid-model' };
      },
      converseStream() { throw new Error('the draft does not stream'); },
    };
  }

  it("drafts from the agents' replies (quoted as data), stores the draft, notifies and counts the cost", async () => {
    const { repo, items } = memoryProblems();
    await repo.create(aProblem());
    const seen: ConverseRequest[] = [];
    const notes: NotifyInput[] = [];
    const costs: unknown[] = [];
    const draft = makeDraftProblemFix({
      problems: repo,
      messages: { list: async () => [aMessage({ body: 'Yes, within 30 days <if> unworn outside. Mail returns@shop.test & we refund.' }), aMessage({ authorType: 'contact', type: 'incoming', body: 'ok thanks' })] },
      model: aModel('Title: Returning worn shoes\n\nShoes worn indoors can be returned within **30 days**.', seen),
      notify: async (x) => { notes.push(x); },
      clock,
      recordCost: async (x) => { costs.push(x); },
    });

    const outcome = await draft({ accountId: 'A', problemId: 'P1' });

    expect(outcome).toBe('drafted');
    expect(items.get('P1')).toMatchObject({ status: 'fix_drafted', draft: { title: 'Returning worn shoes', content: 'Shoes worn indoors can be returned within **30 days**.' } });
    const prompt = seen[0]!.messages[0]!.content[0]!.text!;
    expect(prompt).toContain('<document kind="agent_reply">Yes, within 30 days &lt;if&gt; unworn outside. Mail [email] &amp; we refund.</document>');
    expect(prompt).not.toContain('ok thanks');
    expect(notes[0]).toMatchObject({ kind: 'problem_fix_drafted', link: '/problems/P1' });
    expect(costs).toEqual([{ accountId: 'A', key: 'draft-P1-v1', at: clock.nowIso(), inputTokens: 300, outputTokens: 60, modelId: 'mid-model' }]);
  });

  it('invents nothing when no agent has replied: no model call, the problem stays open, admins are told', async () => {
    const { repo, items } = memoryProblems();
    await repo.create(aProblem());
    const seen: ConverseRequest[] = [];
    const notes: NotifyInput[] = [];
    const draft = makeDraftProblemFix({ problems: repo, messages: { list: async () => [] }, model: aModel('x', seen), notify: async (x) => { notes.push(x); }, clock });

    expect(await draft({ accountId: 'A', problemId: 'P1' })).toBe('no_replies');
    expect(seen).toHaveLength(0);
    expect(items.get('P1')?.status).toBe('open');
    expect(notes[0]?.title).toContain('No fix drafted');
  });

  it('parses a title line or a Markdown heading, else falls back to the question', () => {
    expect(parseDraft('# Shipping to Iceland\nWe ship weekly.', 'q')).toEqual({ title: 'Shipping to Iceland', content: 'We ship weekly.' });
    expect(parseDraft('We ship weekly.', 'Do you ship to Iceland?')).toEqual({ title: 'Do you ship to Iceland?', content: 'We ship weekly.' });
  });
});

describe('resolveProblem', () => {
  it("messages each affected contact's latest conversation once, and refuses a second resolve", async () => {
    const { repo } = memoryProblems();
    await repo.create({
      accountId: 'A', id: 'P1', question: 'Can I return worn shoes?', embedding: [1], status: 'fix_drafted', affectedContacts: 2, occurrences: 2,
      samples: [{ conversationId: 'C1', contactId: 'k1', question: 'q', at: 't' }, { conversationId: 'C2', contactId: 'k2', question: 'q', at: 't' }],
      version: 1, createdAt: 't', lastSeenAt: 't',
    });
    const sent: { conversationId: string; body: string }[] = [];
    const resolve = makeResolveProblem({
      problems: repo,
      conversations: { listByContact: async (_a, contactId) => ({ items: contactId === 'k1' ? [{ id: 'LATEST-1' } as never] : [] }) },
      sendBotMessage: async ({ conversationId, body }) => { sent.push({ conversationId, body }); },
      clock,
    });

    const outcome = await resolve('A', 'P1', 'We now accept worn shoes within 30 days.');

    expect(outcome.notified).toBe(1);
    expect(outcome.problem).toMatchObject({ status: 'resolved', resolvedAt: clock.nowIso() });
    expect(sent).toEqual([{ conversationId: 'LATEST-1', body: 'We now accept worn shoes within 30 days.' }]);
    await expect(resolve('A', 'P1')).rejects.toMatchObject({ name: 'ProblemStateError' });
    expect(sent).toHaveLength(1);
  });
});
