import { describe, expect, it } from 'vitest';
import { makeAuthenticateVisitor } from '../../../../shared/services/widget/authenticate-visitor.js';
import { makeStartVisitorSession, visitorSessionLifetimeMs } from '../../../../shared/services/widget/start-visitor-session.js';
import { hashToken } from '../../../../shared/services/realtime/ticket-token.js';
import { isValidUserHash, userHashFor } from '../../../../shared/services/widget/user-hash.js';
import { anInbox, newId } from '../../../helpers/fixtures.js';
import { fixedClock, sequentialIds } from '../../../helpers/in-memory-ports.js';
import { memoryWidgetStore } from '../../../helpers/widget-memory-ports.js';

const secret = 'wsec_test-secret-of-the-tenant';

function setup() {
  const accountId = newId();
  const inbox = anInbox({ accountId, widgetToken: 'wt_northwind_token', widgetSecret: secret });
  const other = anInbox({ widgetToken: 'wt_other_tenant_token', widgetSecret: 'wsec_other' });
  const store = memoryWidgetStore({ inboxes: [inbox, other] });
  const clock = fixedClock();
  const ids = sequentialIds();
  const start = makeStartVisitorSession({ ...store, clock, ids });
  const authenticate = makeAuthenticateVisitor({ ...store, clock, ids });
  return { accountId, inbox, other, store, clock, start, authenticate };
}

describe('userHashFor / isValidUserHash', () => {
  it('computes hex(HMAC-SHA256(widgetSecret, userId)) as a tenant server would', () => {
    // Prepare: the public HMAC-SHA256 vector of SECURITY.md §1 (key "secret", data "test").
    // Act
    const hash = userHashFor('secret', 'test');
    // Assess
    expect(hash).toBe('0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914');
  });

  it('accepts the right hash in any letter case and refuses a forged, truncated or empty one', () => {
    const good = userHashFor(secret, 'user-42');
    expect(isValidUserHash(secret, 'user-42', good)).toBe(true);
    expect(isValidUserHash(secret, 'user-42', good.toUpperCase())).toBe(true);
    expect(isValidUserHash(secret, 'user-43', good)).toBe(false);
    expect(isValidUserHash('wsec_other', 'user-42', good)).toBe(false);
    expect(isValidUserHash(secret, 'user-42', good.slice(0, 63))).toBe(false);
    expect(isValidUserHash(secret, 'user-42', '')).toBe(false);
    expect(isValidUserHash(secret, '', userHashFor(secret, ''))).toBe(false);
  });
});

describe('startVisitorSession', () => {
  it('creates an anonymous contact with a web visitor identity and a 30-day token bound to the account', async () => {
    const { start, store, accountId, inbox, clock } = setup();
    const session = await start({ widgetToken: 'wt_northwind_token' });
    expect(session).toMatchObject({ verified: false, accountId, inboxId: inbox.id });
    expect(session.visitorToken.startsWith(`${accountId}.`)).toBe(true);
    const identities = await store.contacts.listIdentities(accountId, session.contactId);
    expect(identities).toEqual([expect.objectContaining({ channel: 'web', externalId: expect.stringMatching(/^visitor:/) })]);
    const [stored] = [...store.contactItems.values()];
    expect(stored).toMatchObject({ accountId, id: session.contactId });
    const visitorSession = await store.visitorSessions.get(accountId, hashToken(session.visitorToken));
    expect(visitorSession?.expiresAt).toBe(new Date(clock.nowMs() + visitorSessionLifetimeMs).toISOString());
  });

  it('reuses a still-valid visitor token of the same inbox', async () => {
    const { start } = setup();
    const first = await start({ widgetToken: 'wt_northwind_token' });
    const again = await start({ widgetToken: 'wt_northwind_token', visitorToken: first.visitorToken });
    expect(again).toEqual(first);
  });

  it('issues a new session when the visitor token expired or belongs to another tenant', async () => {
    const { start, clock } = setup();
    const foreign = await start({ widgetToken: 'wt_other_tenant_token' });
    const mine = await start({ widgetToken: 'wt_northwind_token', visitorToken: foreign.visitorToken });
    expect(mine.visitorToken).not.toBe(foreign.visitorToken);
    expect(mine.contactId).not.toBe(foreign.contactId);
    clock.advance(visitorSessionLifetimeMs + 1);
    const later = await start({ widgetToken: 'wt_northwind_token', visitorToken: mine.visitorToken });
    expect(later.visitorToken).not.toBe(mine.visitorToken);
  });

  it('never attaches an unverified visitor to an existing contact by email', async () => {
    const { start } = setup();
    const a = await start({ widgetToken: 'wt_northwind_token', email: 'ada@example.com' });
    const b = await start({ widgetToken: 'wt_northwind_token', email: 'ada@example.com' });
    expect(b.contactId).not.toBe(a.contactId);
  });

  it('verifies a signed-in user and finds the same contact on every device', async () => {
    const { start, store, accountId } = setup();
    const userHash = userHashFor(secret, 'user-42');
    const laptop = await start({ widgetToken: 'wt_northwind_token', userId: 'user-42', userHash });
    const phone = await start({ widgetToken: 'wt_northwind_token', userId: 'user-42', userHash });
    expect(laptop).toMatchObject({ verified: true });
    expect(phone.contactId).toBe(laptop.contactId);
    expect(await store.contacts.findByIdentity(accountId, 'web', 'user:user-42')).toMatchObject({ contactId: laptop.contactId });
  });

  it('refuses a forged or missing user hash and writes nothing', async () => {
    const { start, store } = setup();
    const before = store.writes.count;
    await expect(start({ widgetToken: 'wt_northwind_token', userId: 'user-42', userHash: userHashFor('wrong', 'user-42') }))
      .rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(start({ widgetToken: 'wt_northwind_token', userId: 'user-42' })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(start({ widgetToken: 'wt_northwind_token', userHash: userHashFor(secret, 'user-42') })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    expect(store.writes.count).toBe(before);
  });

  it('answers "not found" for an unknown widget token', async () => {
    const { start } = setup();
    await expect(start({ widgetToken: 'wt_nobody_has_this' })).rejects.toMatchObject({ name: 'WidgetNotFoundError' });
  });

  it('generates a widget secret once for an inbox created without one', async () => {
    const store = memoryWidgetStore({ inboxes: [anInbox({ widgetToken: 'wt_no_secret_yet' })] });
    const start = makeStartVisitorSession({ ...store, clock: fixedClock(), ids: sequentialIds() });
    await expect(start({ widgetToken: 'wt_no_secret_yet', userId: 'u1', userHash: 'a'.repeat(64) })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    const route = await store.inboxes.findByWidgetToken('wt_no_secret_yet');
    const inbox = await store.inboxes.get(route!.accountId, route!.inboxId);
    expect(inbox?.widgetSecret).toMatch(/^wsec_/);
    expect(await store.inboxes.ensureWidgetSecret(inbox!.accountId, inbox!.id, 'wsec_second')).toBe(inbox?.widgetSecret);
  });
});

describe('authenticateVisitor', () => {
  it('resolves an anonymous visitor from its bearer token', async () => {
    const { start, authenticate, accountId, inbox } = setup();
    const session = await start({ widgetToken: 'wt_northwind_token' });
    expect(await authenticate({ visitorToken: session.visitorToken })).toEqual({ accountId, inboxId: inbox.id, contactId: session.contactId });
  });

  it('refuses a missing, malformed, unknown or expired token', async () => {
    const { start, authenticate, clock, accountId } = setup();
    await expect(authenticate({})).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(authenticate({ visitorToken: 'nonsense' })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(authenticate({ visitorToken: `${accountId}.${'x'.repeat(43)}` })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    const session = await start({ widgetToken: 'wt_northwind_token' });
    clock.advance(visitorSessionLifetimeMs);
    await expect(authenticate({ visitorToken: session.visitorToken })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
  });

  it('makes a verified session re-prove its user on every request', async () => {
    const { start, authenticate } = setup();
    const userHash = userHashFor(secret, 'user-42');
    const session = await start({ widgetToken: 'wt_northwind_token', userId: 'user-42', userHash });
    const token = session.visitorToken;
    expect(await authenticate({ visitorToken: token, userId: 'user-42', userHash })).toMatchObject({ verifiedUserId: 'user-42' });
    await expect(authenticate({ visitorToken: token })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(authenticate({ visitorToken: token, userId: 'user-42', userHash: userHashFor('forged', 'user-42') })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
    await expect(authenticate({ visitorToken: token, userId: 'user-43', userHash: userHashFor(secret, 'user-43') })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
  });

  it('refuses identity headers on an anonymous session rather than ignoring a forged hash', async () => {
    const { start, authenticate } = setup();
    const session = await start({ widgetToken: 'wt_northwind_token' });
    await expect(authenticate({ visitorToken: session.visitorToken, userId: 'user-42', userHash: 'f'.repeat(64) })).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
  });
});
