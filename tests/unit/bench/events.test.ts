import { describe, expect, it } from 'vitest';
import { fixtures, sqsEvent } from '../../../bench/events.js';
import { functions } from '../../../infra/manifest.js';

const deps = {
  region: 'eu-west-1',
  origin: 'https://app.example.com',
  issueTicket: async () => 'ticket',
  managementPosts: () => 0,
  tenant: { sessionToken: 'session', widgetToken: 'widget' },
};

describe('the cold-start fixtures', () => {
  it('has a first event for every function of the manifest', () => {
    // Act
    const byName = fixtures(deps);

    // Assess
    expect(functions.map((f) => f.name).filter((name) => byName[name] === undefined)).toEqual([]);
  });

  it('sends ai-responder an ai-turn job on its FIFO queue and accepts only an empty failure list', async () => {
    // Act
    const invocation = await fixtures(deps)['ai-responder']!.next();

    // Assess
    const record = (invocation.event as ReturnType<typeof sqsEvent>).Records[0]!;
    const job = JSON.parse(record.body) as { kind: string; conversationId: string };
    expect(job.kind).toBe('ai-turn');
    expect(record.attributes.MessageGroupId).toBe(job.conversationId);
    expect(invocation.check({ batchItemFailures: [] })).toBeUndefined();
    expect(invocation.check({ batchItemFailures: [{ itemIdentifier: record.messageId }] })).toMatch(/batchItemFailures/);
  });

  it('sends knowledge-indexer an index-source job on its standard queue', async () => {
    // Act
    const invocation = await fixtures(deps)['knowledge-indexer']!.next();

    // Assess
    const record = (invocation.event as ReturnType<typeof sqsEvent>).Records[0]!;
    expect(JSON.parse(record.body)).toMatchObject({ kind: 'index-source', version: 1 });
    expect(record.attributes).not.toHaveProperty('MessageGroupId');
    expect(record.eventSourceARN).toMatch(/:switchboard-knowledge-index$/);
  });
});
