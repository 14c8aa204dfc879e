/**
 * The fake provider: records what senders send, answers like the providers, and follows scripts
 * set in process or over its control routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeProvider, startFakeProvider, type FakeProvider } from '../../helpers/fake-provider.js';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.stop();
});

describe('the fake provider', () => {
  it('answers each API like its provider and records the parsed request', async () => {
    // Act
    const twilio = await fetch(`${fake.url}/2010-04-01/Accounts/AC1/Messages.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'To=%2B1555&Body=Hi&MediaUrl=a&MediaUrl=b' });
    const graph = await fetch(`${fake.url}/v21.0/123/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messaging_product: 'whatsapp', to: '1555' }) });
    const mail = await fetch(`${fake.url}/v3/mail/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    // Assess
    expect(twilio.status).toBe(201);
    expect(((await twilio.json()) as { sid: string }).sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(((await graph.json()) as { messages: { id: string }[] }).messages[0]!.id).toMatch(/^wamid\./);
    expect(mail.status).toBe(202);
    expect(mail.headers.get('x-message-id')).toBeTruthy();
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/2010-04-01/Accounts/AC1/Messages.json', body: { To: '+1555', Body: 'Hi', MediaUrl: ['a', 'b'] }, status: 201 });
  });

  it('answers scripted statuses in order, for matching requests only, then the default', async () => {
    fake.script('/Messages.json', [{ status: 503 }, { status: 429, headers: { 'retry-after': '3' } }], { bodyIncludes: 'Body=scripted' });
    const post = (body: string) => fetch(`${fake.url}/2010-04-01/Accounts/AC2/Messages.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const other = await post('Body=other');
    const first = await post('Body=scripted');
    const second = await post('Body=scripted');
    const third = await post('Body=scripted');
    expect([other.status, first.status, second.status, third.status]).toEqual([201, 503, 429, 201]);
    expect(second.headers.get('retry-after')).toBe('3');
  });

  it('is driven over its control routes from another process', async () => {
    const client = fakeProvider(fake.url);
    await client.script(/\/v21\.0\/999\/messages$/, [{ status: 400, body: { error: { message: 'bad', code: 100 } } }]);
    const refused = await fetch(`${fake.url}/v21.0/999/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"recipient":{"id":"7"}}' });
    expect(refused.status).toBe(400);
    const recorded = await client.waitForRequests({ path: '/999/' }, 1);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ status: 400, body: { recipient: { id: '7' } } });
    const outbox = await fetch(`${fake.url}/outbox`);
    expect(await outbox.text()).toContain('Local outbox');
  });
});
