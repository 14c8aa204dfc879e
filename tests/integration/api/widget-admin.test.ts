/**
 * The admins' widget set-up through the real gateway (docs/API.md "Widget settings"): the embed
 * snippet and the widget secret, verified visitors signed with that secret, secret rotation,
 * settings validation, the settings reaching the public widget config, and who may call it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { userHashFor } from '../../../shared/services/widget/user-hash.js';
import { caller, newSignUpDetails, request, sessionCookieOf, signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { newId } from '../../helpers/fixtures.js';
import { testContainer, webInboxOf } from './conversation-fixtures.js';

const baseUrl = () => process.env.SWITCHBOARD_WS_ENDPOINT!;
const widgetPath = (inboxId: string) => `/api/v1/inboxes/${inboxId}/widget`;

/** An agent (not an admin) invited into the admin's account, signed in. */
async function anAgentOf(admin: SignedInAgent) {
  const details = newSignUpDetails();
  const invited = await admin.call('POST', '/api/v1/agents/invitations', { email: details.email, name: details.name, role: 'agent' });
  expect(invited.status).toBe(201);
  const accepted = await request(baseUrl(), 'POST', '/api/v1/auth/invitations/accept', { token: invited.body.token, name: details.name, password: details.password });
  expect(accepted.status).toBe(201);
  return caller(baseUrl(), sessionCookieOf(accepted.setCookies));
}

/** Starts a widget session as the tenant's signed-in user would. */
function startSession(widgetToken: string, userId: string, userHash: string) {
  return request(baseUrl(), 'POST', '/widget/v1/sessions', { widgetToken, userId, userHash, name: 'Ada Lovelace' });
}

let admin: SignedInAgent;
let inboxId: string;

beforeAll(async () => {
  admin = await signUp(baseUrl());
  inboxId = (await webInboxOf(admin)).id;
});

describe('GET /api/v1/inboxes/{inboxId}/widget', () => {
  it('gives an admin the embed snippet and a widget secret whose user hashes the widget API accepts', async () => {
    // Prepare: nothing else; sign-up created the web inbox.
    // Act
    const setup = await admin.call('GET', widgetPath(inboxId));
    // Assess
    expect(setup.status).toBe(200);
    const { widgetToken, widgetSecret, embedSnippet } = setup.body;
    expect(setup.body).toMatchObject({ inboxId, settings: { serviceHours: null, allowedDomains: [] } });
    expect(widgetSecret).toMatch(/^wsec_[A-Za-z0-9_-]{20,}$/);
    expect(embedSnippet).toBe(`<script src="${baseUrl()}/widget.js" data-token="${widgetToken}" async></script>`);
    expect((await admin.call('GET', widgetPath(inboxId))).body.widgetSecret).toBe(widgetSecret);
    const session = await startSession(widgetToken, 'user-42', userHashFor(widgetSecret, 'user-42'));
    expect(session.status).toBe(201);
    expect(session.body.verified).toBe(true);
  });

  it('answers 403 to an agent who is not an admin', async () => {
    const agent = await anAgentOf(admin);
    const answers = await Promise.all([
      agent('GET', widgetPath(inboxId)),
      agent('PATCH', widgetPath(inboxId), { greeting: 'Hijacked' }),
      agent('POST', `${widgetPath(inboxId)}/rotate-secret`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(JSON.stringify(answers.map((a) => a.body))).not.toContain('wsec_');
  });

  it("answers 404 for another tenant's inbox, on every route, with nothing of it in the body", async () => {
    const other = await signUp(baseUrl());
    const answers = await Promise.all([
      other.call('GET', widgetPath(inboxId)),
      other.call('PATCH', widgetPath(inboxId), { greeting: 'Hijacked' }),
      other.call('POST', `${widgetPath(inboxId)}/rotate-secret`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(answers.map((a) => a.body.error.code)).toEqual(['not_found', 'not_found', 'not_found']);
    expect(JSON.stringify(answers.map((a) => a.body))).not.toContain(inboxId);
    expect((await admin.call('GET', widgetPath(inboxId))).body.settings.greeting).not.toBe('Hijacked');
  });

  it('answers 400 not_a_web_inbox for an inbox of another channel', async () => {
    const sms = { accountId: admin.account.id, id: newId(), name: 'Support line', channel: 'sms' as const, channelAddress: '+15550100', createdAt: new Date().toISOString() };
    await testContainer().repositories.inboxes.create(sms);
    const answer = await admin.call('GET', widgetPath(sms.id));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('not_a_web_inbox');
  });
});

describe('PATCH /api/v1/inboxes/{inboxId}/widget', () => {
  it('changes what GET /widget/v1/config shows', async () => {
    // Prepare
    const { widgetToken } = (await admin.call('GET', widgetPath(inboxId))).body;
    // Act
    const changed = await admin.call('PATCH', widgetPath(inboxId), {
      greeting: 'Welcome to Northwind! Ask about sizes and returns.',
      replyTime: 'under an hour',
      serviceHours: { timeZone: 'Europe/Paris', weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })) },
      allowedDomains: ['https://Shop.Example/'],
    });
    // Assess
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ replyTime: 'under an hour', allowedDomains: ['https://shop.example'] });
    const config = await request(baseUrl(), 'GET', `/widget/v1/config?token=${widgetToken}`);
    expect(config.status).toBe(200);
    expect(config.body).toMatchObject({
      greeting: 'Welcome to Northwind! Ask about sizes and returns.', replyTime: 'under an hour', online: true,
      serviceHours: { timeZone: 'Europe/Paris' }, allowedDomains: ['https://shop.example'],
    });
  });

  it('answers 400 naming the field for an unknown time zone, a malformed time or an end before the start', async () => {
    const cases = [
      [{ serviceHours: { timeZone: 'Europe/Atlantis', weekly: [] } }, 'body.serviceHours.timeZone'],
      [{ serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '9am', end: '17:00' }] } }, 'body.serviceHours.weekly.0.start'],
      [{ serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '17:00', end: '09:00' }] } }, 'body.serviceHours.weekly.0.end'],
      [{ allowedDomains: ['shop.example'] }, 'body.allowedDomains.0'],
    ] as const;
    for (const [body, field] of cases) {
      const answer = await admin.call('PATCH', widgetPath(inboxId), body);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
    }
    expect((await admin.call('GET', widgetPath(inboxId))).body.settings.serviceHours?.timeZone).not.toBe('Europe/Atlantis');
  });
});

describe('POST /api/v1/inboxes/{inboxId}/widget/rotate-secret', () => {
  it('answers a new secret; hashes made with the old one are refused at once, new ones accepted', async () => {
    // Prepare: a verified visitor signed with the current secret.
    const before = (await admin.call('GET', widgetPath(inboxId))).body;
    const oldHash = userHashFor(before.widgetSecret, 'user-7');
    const session = await startSession(before.widgetToken, 'user-7', oldHash);
    expect(session.status).toBe(201);
    const asVerified = (userHash: string) => request(baseUrl(), 'GET', '/widget/v1/conversations', undefined, {
      authorization: `Bearer ${session.body.visitorToken}`, 'x-switchboard-user-id': 'user-7', 'x-switchboard-user-hash': userHash,
    });
    expect((await asVerified(oldHash)).status).toBe(200);
    // Act
    const rotated = await admin.call('POST', `${widgetPath(inboxId)}/rotate-secret`);
    // Assess
    expect(rotated.status).toBe(200);
    expect(rotated.body.widgetSecret).toMatch(/^wsec_/);
    expect(rotated.body.widgetSecret).not.toBe(before.widgetSecret);
    expect(rotated.body.widgetToken).toBe(before.widgetToken);
    expect((await asVerified(oldHash)).status).toBe(401);
    expect((await startSession(before.widgetToken, 'user-7', oldHash)).status).toBe(401);
    const newHash = userHashFor(rotated.body.widgetSecret, 'user-7');
    expect((await asVerified(newHash)).status).toBe(200);
    expect((await startSession(before.widgetToken, 'user-7', newHash)).status).toBe(201);
    expect((await admin.call('GET', widgetPath(inboxId))).body.widgetSecret).toBe(rotated.body.widgetSecret);
  });
});
