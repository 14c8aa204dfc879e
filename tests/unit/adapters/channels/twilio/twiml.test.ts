import { describe, expect, it } from 'vitest';
import { dial, escapeXml, gather, hangup, renderTwiml, say } from '../../../../../shared/adapters/channels/twilio/twiml.js';

const prolog = '<?xml version="1.0" encoding="UTF-8"?>';

describe('TwiML', () => {
  it('renders a speech Gather that posts to its action and says a prompt', () => {
    // Act
    const xml = renderTwiml([gather({ action: 'https://sb.example/webhooks/twilio/I1/voice?turn=1', prompt: say('How can we help?') })]);
    // Assess
    expect(xml).toBe(`${prolog}<Response><Gather input="speech" action="https://sb.example/webhooks/twilio/I1/voice?turn=1" method="POST" speechTimeout="auto"><Say>How can we help?</Say></Gather></Response>`);
  });

  it('escapes text and attributes so callers\' words cannot inject markup', () => {
    const xml = renderTwiml([say('</Say><Dial>+1900</Dial> & "quotes" \'too\''), gather({ action: 'https://a.example/?a=1&b="2"' })]);
    expect(xml).toContain('<Say>&lt;/Say&gt;&lt;Dial&gt;+1900&lt;/Dial&gt; &amp; &quot;quotes&quot; &apos;too&apos;</Say>');
    expect(xml).toContain('action="https://a.example/?a=1&amp;b=&quot;2&quot;"');
    expect(xml.match(/<Dial>/g)).toBeNull();
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml('a\u0000b\u0007c\uFFFEd\tok')).toBe('abcd\tok');
    expect(escapeXml('emoji 😀 kept')).toBe('emoji 😀 kept');
  });

  it('renders a Dial to a number, a Hangup and an empty Response', () => {
    expect(renderTwiml([say('Connecting you.'), dial('+15550001111', { timeout: 30 })]))
      .toBe(`${prolog}<Response><Say>Connecting you.</Say><Dial timeout="30"><Number>+15550001111</Number></Dial></Response>`);
    expect(renderTwiml([hangup()])).toBe(`${prolog}<Response><Hangup/></Response>`);
    expect(renderTwiml([])).toBe(`${prolog}<Response/>`);
  });
});
