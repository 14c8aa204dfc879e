import { describe, expect, it } from 'vitest';
import { widgetDefaults } from '../../../../shared/domain/widget-settings.js';
import {
  embedSnippetFor, makeGetWidgetSetup, makeRotateWidgetSecret, makeUpdateWidgetSettings, mergedWidgetSettings,
} from '../../../../shared/services/widget/widget-admin.js';
import { isValidUserHash, userHashFor } from '../../../../shared/services/widget/user-hash.js';
import { anInbox, newId } from '../../../helpers/fixtures.js';
import { sequentialIds } from '../../../helpers/in-memory-ports.js';
import { memoryWidgetStore } from '../../../helpers/widget-memory-ports.js';

const origin = 'https://app.switchboard.test';

function setup() {
  const accountId = newId();
  const web = anInbox({ accountId, widgetToken: 'wt_northwind_token', widgetSecret: 'wsec_original' });
  const withoutSecret = anInbox({ accountId, widgetToken: 'wt_legacy_token_1' });
  const sms = anInbox({ accountId, channel: 'sms', channelAddress: '+15550100' });
  const foreign = anInbox({ widgetToken: 'wt_other_tenant_token', widgetSecret: 'wsec_foreign' });
  const store = memoryWidgetStore({ inboxes: [web, withoutSecret, sms, foreign] });
  const deps = { inboxes: store.inboxes, ids: sequentialIds() };
  return {
    accountId, web, withoutSecret, sms, foreign, store,
    get: makeGetWidgetSetup(deps), update: makeUpdateWidgetSettings(deps), rotate: makeRotateWidgetSecret(deps),
    at: (inboxId: string) => ({ accountId, inboxId, widgetOrigin: origin }),
  };
}

describe('embedSnippetFor', () => {
  it('builds the one script tag a tenant pastes, with the origin serving widget.js and the token', () => {
    expect(embedSnippetFor(origin, 'wt_abc')).toBe('<script src="https://app.switchboard.test/widget.js" data-token="wt_abc" async></script>');
  });

  it('escapes attribute characters', () => {
    expect(embedSnippetFor('https://a.test', 'x"><b>')).toContain('data-token="x&quot;>&lt;b>"');
  });
});

describe('getWidgetSetup', () => {
  it('answers the token, the secret, the settings with defaults and the snippet of a web inbox', async () => {
    // Prepare
    const t = setup();
    // Act
    const setup_ = await t.get(t.at(t.web.id));
    // Assess
    expect(setup_).toMatchObject({
      inboxId: t.web.id, inboxName: 'Website', widgetToken: 'wt_northwind_token', widgetSecret: 'wsec_original',
      settings: { greeting: widgetDefaults.greeting, replyTime: widgetDefaults.replyTime, serviceHours: null, allowedDomains: [] },
      embedSnippet: embedSnippetFor(origin, 'wt_northwind_token'),
    });
  });

  it('generates and stores a secret for an inbox created without one, and answers the same one afterwards', async () => {
    const t = setup();
    const first = await t.get(t.at(t.withoutSecret.id));
    const second = await t.get(t.at(t.withoutSecret.id));
    expect(first.widgetSecret).toMatch(/^wsec_/);
    expect(second.widgetSecret).toBe(first.widgetSecret);
  });

  it("answers not found for another tenant's inbox and for an unknown id, naming nothing", async () => {
    const t = setup();
    await expect(t.get(t.at(t.foreign.id))).rejects.toMatchObject({ name: 'InboxNotFoundError', message: 'Inbox not found' });
    await expect(t.get(t.at(newId()))).rejects.toMatchObject({ name: 'InboxNotFoundError' });
  });

  it('refuses an inbox of another channel as not a web inbox', async () => {
    const t = setup();
    await expect(t.get(t.at(t.sms.id))).rejects.toMatchObject({ name: 'NotAWebInboxError' });
  });
});

describe('updateWidgetSettings', () => {
  it('stores the changed fields, keeps the others and answers what the widget will show', async () => {
    // Prepare
    const t = setup();
    await t.update(t.at(t.web.id), { greeting: 'Hello from Northwind', replyTime: 'an hour' });
    // Act
    const after = await t.update(t.at(t.web.id), {
      serviceHours: { timeZone: 'Europe/Paris', weekly: [{ day: 2, start: '09:00', end: '17:00' }, { day: 1, start: '09:00', end: '12:00' }] },
      allowedDomains: ['https://Shop.Example/', 'https://shop.example'],
    });
    // Assess
    expect(after.settings).toEqual({
      greeting: 'Hello from Northwind', offlineMessage: widgetDefaults.offlineMessage, replyTime: 'an hour',
      serviceHours: { timeZone: 'Europe/Paris', weekly: [{ day: 1, start: '09:00', end: '12:00' }, { day: 2, start: '09:00', end: '17:00' }] },
      allowedDomains: ['https://shop.example'],
    });
    expect((await t.store.inboxes.get(t.accountId, t.web.id))?.widgetSettings?.greeting).toBe('Hello from Northwind');
  });

  it('goes back to the defaults for null or empty texts and to always online for null service hours', async () => {
    const t = setup();
    await t.update(t.at(t.web.id), { greeting: 'Hi', serviceHours: { timeZone: 'UTC', weekly: [] }, allowedDomains: ['https://a.test'] });
    const after = await t.update(t.at(t.web.id), { greeting: '   ', serviceHours: null, allowedDomains: [] });
    expect(after.settings).toMatchObject({ greeting: widgetDefaults.greeting, serviceHours: null, allowedDomains: [] });
    expect((await t.store.inboxes.get(t.accountId, t.web.id))?.widgetSettings).toEqual({});
  });

  it('refuses a bad time zone, a malformed time or a range ending before it starts, naming the field, and writes nothing', async () => {
    const t = setup();
    const writes = t.store.writes.count;
    await expect(t.update(t.at(t.web.id), { serviceHours: { timeZone: 'Mars/Olympus_Mons', weekly: [] } }))
      .rejects.toMatchObject({ name: 'WidgetSettingsInvalidError', message: expect.stringMatching(/^serviceHours\.timeZone: /) });
    await expect(t.update(t.at(t.web.id), { serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '9am', end: '17:00' }] } }))
      .rejects.toThrow(/^serviceHours\.weekly\.0\.start: /);
    await expect(t.update(t.at(t.web.id), { serviceHours: { timeZone: 'UTC', weekly: [{ day: 1, start: '17:00', end: '09:00' }] } }))
      .rejects.toThrow('serviceHours.weekly.0.end: must be after start');
    await expect(t.update(t.at(t.web.id), { allowedDomains: ['https://shop.example/checkout'] }))
      .rejects.toThrow(/^allowedDomains\.0: /);
    expect(t.store.writes.count).toBe(writes);
  });

  it("answers not found for another tenant's inbox and changes nothing of it", async () => {
    const t = setup();
    await expect(t.update(t.at(t.foreign.id), { greeting: 'Taken over' })).rejects.toMatchObject({ name: 'InboxNotFoundError' });
    expect((await t.store.inboxes.get(t.foreign.accountId, t.foreign.id))?.widgetSettings).toBeUndefined();
  });
});

describe('rotateWidgetSecret', () => {
  it('replaces the secret: hashes made with the old one no longer verify', async () => {
    // Prepare
    const t = setup();
    const oldHash = userHashFor('wsec_original', 'user-42');
    // Act
    const rotated = await t.rotate(t.at(t.web.id));
    // Assess
    const stored = (await t.store.inboxes.get(t.accountId, t.web.id))?.widgetSecret;
    expect(rotated.widgetSecret).toMatch(/^wsec_/);
    expect(rotated.widgetSecret).not.toBe('wsec_original');
    expect(stored).toBe(rotated.widgetSecret);
    expect(isValidUserHash(stored!, 'user-42', oldHash)).toBe(false);
    expect(isValidUserHash(stored!, 'user-42', userHashFor(rotated.widgetSecret, 'user-42'))).toBe(true);
  });

  it('does not replace a secret another rotation stored meanwhile (compare-and-set)', async () => {
    const t = setup();
    const racing = await t.store.inboxes.rotateWidgetSecret(t.accountId, t.web.id, 'wsec_original', 'wsec_first_admin');
    const late = await t.store.inboxes.rotateWidgetSecret(t.accountId, t.web.id, 'wsec_original', 'wsec_second_admin');
    expect(racing).toBe('wsec_first_admin');
    expect(late).toBe('wsec_first_admin');
  });

  it("answers not found for another tenant's inbox", async () => {
    const t = setup();
    await expect(t.rotate(t.at(t.foreign.id))).rejects.toMatchObject({ name: 'InboxNotFoundError' });
    expect((await t.store.inboxes.get(t.foreign.accountId, t.foreign.id))?.widgetSecret).toBe('wsec_foreign');
  });
});

describe('mergedWidgetSettings', () => {
  it('never stores undefined fields', () => {
    expect(Object.keys(mergedWidgetSettings(undefined, { greeting: 'Hi' }))).toEqual(['greeting']);
  });
});
