import { describe, expect, it } from 'vitest';
import { apiErrorFrom } from '../../../../web/dashboard/src/lib/api-errors.js';
import {
  changesFromForm, formFieldOf, formFromSetup, rangeField, validateWidgetForm, verifiedSnippet,
} from '../../../../web/dashboard/src/lib/widget-settings-form.js';
import type { WidgetSetup } from '../../../../web/dashboard/src/types.js';

const setup = (overrides: Partial<WidgetSetup['settings']> = {}): WidgetSetup => ({
  inboxId: '01JTESTINBOX00000000000000', inboxName: 'Website', widgetToken: 'wt_abc', widgetSecret: 'wsec_x',
  embedSnippet: '<script src="https://app.test/widget.js" data-token="wt_abc" async></script>',
  settings: { greeting: 'Hi', offlineMessage: 'Away', replyTime: 'a few minutes', serviceHours: null, allowedDomains: [], ...overrides },
});

describe('formFromSetup', () => {
  it('starts an always-online inbox with Monday–Friday 09:00–17:00 ready in the browser time zone', () => {
    const form = formFromSetup(setup(), 'Europe/Paris');
    expect(form).toMatchObject({ useHours: false, timeZone: 'Europe/Paris', allowedDomains: '' });
    expect(form.days[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(form.days[0]).toEqual([]);
  });

  it('groups stored ranges by weekday', () => {
    const form = formFromSetup(setup({ serviceHours: { timeZone: 'Asia/Tokyo', weekly: [{ day: 6, start: '10:00', end: '14:00' }, { day: 6, start: '15:00', end: '18:00' }] } }), 'UTC');
    expect(form).toMatchObject({ useHours: true, timeZone: 'Asia/Tokyo' });
    expect(form.days[6]).toHaveLength(2);
    expect(form.days[1]).toEqual([]);
  });
});

describe('validateWidgetForm', () => {
  it('names the time zone, the range and the site that are wrong, by the API field keys', () => {
    const form = formFromSetup(setup(), 'UTC');
    const errors = validateWidgetForm({
      ...form, useHours: true, timeZone: 'Europe/Atlantis',
      days: { ...form.days, 2: [{ start: '17:00', end: '09:00' }] },
      allowedDomains: 'https://ok.example\nshop.example/cart',
    });
    expect(Object.keys(errors).sort()).toEqual(['allowedDomains', 'serviceHours.timeZone', rangeField({ ...form.days, 2: [{ start: '17:00', end: '09:00' }] }, 2, 0, 'end')].sort());
    expect(rangeField({ ...form.days, 2: [{ start: '17:00', end: '09:00' }] }, 2, 0, 'end')).toBe('serviceHours.weekly.1.end');
  });

  it('accepts a valid form', () => {
    expect(validateWidgetForm({ ...formFromSetup(setup(), 'UTC'), useHours: true, allowedDomains: 'https://shop.example/' })).toEqual({});
  });
});

describe('changesFromForm', () => {
  it('sends only what changed, blank texts as null (back to the default)', () => {
    const initial = formFromSetup(setup(), 'UTC');
    expect(changesFromForm({ ...initial, greeting: '  ' }, initial)).toEqual({ greeting: null });
    expect(changesFromForm({ ...initial, useHours: true }, initial)).toEqual({
      serviceHours: { timeZone: 'UTC', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })) },
    });
    expect(changesFromForm(initial, initial)).toEqual({});
  });
});

describe('server errors on fields', () => {
  it('keeps the field a 400 named, so the form shows it next to the input', () => {
    const error = apiErrorFrom(400, { error: { code: 'invalid_request', message: 'body.serviceHours.timeZone: must be an IANA time zone such as Europe/Paris' } });
    expect(error.field).toBe('serviceHours.timeZone');
    expect(formFieldOf('allowedDomains.3')).toBe('allowedDomains');
  });
});

describe('verifiedSnippet', () => {
  it('adds the user id and hash attributes to the embed tag', () => {
    expect(verifiedSnippet(setup().embedSnippet)).toContain('data-token="wt_abc" data-user-id="USER_ID" data-user-hash="USER_HASH" async>');
  });
});
