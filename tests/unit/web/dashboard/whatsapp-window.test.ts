import { describe, expect, it } from 'vitest';
import {
  templateKey, templateParameterCount, templatePreview, templateReply, windowCountdown, windowPhase,
} from '../../../../web/dashboard/src/lib/whatsapp-window.js';

const noon = new Date('2026-12-01T12:00:00.000Z');

describe('windowPhase', () => {
  it('ignores channels without a window', () => {
    expect(windowPhase(undefined, noon)).toEqual({ kind: 'none' });
    expect(windowPhase({ channel: 'sms' }, noon)).toEqual({ kind: 'none' });
  });

  it('is open while time is left, closing soon under an hour', () => {
    expect(windowPhase({ channel: 'whatsapp', windowOpen: true, windowClosesAt: '2026-12-01T20:00:00.000Z' }, noon)).toEqual({
      kind: 'open', closesAt: '2026-12-01T20:00:00.000Z', closingSoon: false,
    });
    expect(windowPhase({ channel: 'whatsapp', windowOpen: true, windowClosesAt: '2026-12-01T12:30:00.000Z' }, noon)).toMatchObject({ closingSoon: true });
  });

  it('is closed when the API says so or the closing time has passed since', () => {
    expect(windowPhase({ channel: 'whatsapp_cloud', windowOpen: false }, noon)).toEqual({ kind: 'closed' });
    expect(windowPhase({ channel: 'whatsapp', windowOpen: true, windowClosesAt: '2026-12-01T11:59:59.000Z' }, noon)).toEqual({ kind: 'closed' });
  });
});

describe('windowCountdown', () => {
  it('says hours and minutes left, down to less than a minute, then closed', () => {
    expect(windowCountdown('2026-12-01T15:30:00.000Z', noon)).toBe('3 h 30 min left');
    expect(windowCountdown('2026-12-01T14:00:00.000Z', noon)).toBe('2 h left');
    expect(windowCountdown('2026-12-01T12:42:30.000Z', noon)).toBe('42 min left');
    expect(windowCountdown('2026-12-01T12:00:30.000Z', noon)).toBe('less than a minute left');
    expect(windowCountdown('2026-12-01T11:00:00.000Z', noon)).toBe('closed');
  });
});

describe('templates', () => {
  const order = { name: 'order_update', language: 'en_US', body: 'Hi {{1}}, your order {{2}} has shipped.' };

  it('counts parameters from the declared count or the {{n}} markers', () => {
    expect(templateParameterCount(order)).toBe(2);
    expect(templateParameterCount({ name: 'x', language: 'en', parameterCount: 1 })).toBe(1);
    expect(templateParameterCount({ name: 'hello_world', language: 'en_US' })).toBe(0);
  });

  it('fills the {{n}} markers for the preview, or names the template when its text is unknown', () => {
    expect(templatePreview(order, ['Ann', '#42'])).toBe('Hi Ann, your order #42 has shipped.');
    expect(templatePreview(order, ['Ann'])).toBe('Hi Ann, your order {{2}} has shipped.');
    expect(templatePreview({ name: 'hello_world', language: 'en_US' }, [])).toBe('Template hello_world (en_US)');
  });

  it('builds the reply body with the template, or says which parameter is missing', () => {
    expect(templateReply(order, ['Ann', ' '])).toEqual({ ok: false, error: 'Fill in parameter {{2}}.' });
    expect(templateReply(order, ['Ann', '#42'])).toEqual({
      ok: true,
      body: { body: 'Hi Ann, your order #42 has shipped.', template: { name: 'order_update', language: 'en_US', parameters: ['Ann', '#42'] } },
    });
    expect(templateReply({ name: 'hello_world', language: 'en_US' }, [])).toEqual({
      ok: true,
      body: { body: 'Template hello_world (en_US)', template: { name: 'hello_world', language: 'en_US', parameters: [] } },
    });
    expect(templateKey(order)).toBe('order_update|en_US');
  });
});
