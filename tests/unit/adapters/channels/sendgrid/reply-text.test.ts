import { describe, expect, it } from 'vitest';
import { emailBody, htmlToPlainText, visibleReplyText } from '../../../../../shared/adapters/channels/sendgrid/reply-text.js';

describe('visibleReplyText', () => {
  it('cuts Gmail quoted history after "On … wrote:"', () => {
    // Prepare
    const text = 'Yes, the blue one please.\r\n\r\nOn Mon, Jan 1, 2024 at 10:00 AM Support <support@acme.test> wrote:\r\n> Which colour?\r\n>\r\n> Acme';

    // Act / Assess
    expect(visibleReplyText(text)).toBe('Yes, the blue one please.');
  });

  it('cuts a Gmail attribution folded over two lines', () => {
    const text = 'Thanks!\n\nOn Tue, Feb 6, 2024 at 9:14 AM Acme Support via Switchboard <\nsupport@acme.test> wrote:\n\n> Hello';
    expect(visibleReplyText(text)).toBe('Thanks!');
  });

  it('cuts Outlook history from the "From: … Sent: …" block and its underscore rule', () => {
    const text = 'Please cancel it.\n\n________________________________\nFrom: Acme Support <support@acme.test>\nSent: Monday, January 1, 2024 10:00 AM\nTo: Jane Doe <jane@example.com>\nSubject: Your order\n\nHello Jane';
    expect(visibleReplyText(text)).toBe('Please cancel it.');
  });

  it('cuts "-----Original Message-----"', () => {
    expect(visibleReplyText('Fine.\n-----Original Message-----\nFrom: x\nbody')).toBe('Fine.');
  });

  it('removes the signature after "-- " and phone footers', () => {
    expect(visibleReplyText('See you.\n\n-- \nJane Doe\nCEO, Example')).toBe('See you.');
    expect(visibleReplyText('On my way\n\nSent from my iPhone')).toBe('On my way');
  });

  it('drops inline quoted lines but keeps the answers between them', () => {
    const text = '> Which size?\nLarge.\n> Which colour?\nBlue.\n\n> Thanks\n> Acme';
    expect(visibleReplyText(text)).toBe('Large.\nBlue.');
  });

  it('keeps the whole text when trimming would leave nothing', () => {
    expect(visibleReplyText('> only a quote\n> nothing else')).toBe('> only a quote\n> nothing else');
  });

  it('leaves a message without history alone (a "From:" line without a header block is text)', () => {
    expect(visibleReplyText('Hello,\nFrom: the sales team I heard about you.\nBye')).toBe('Hello,\nFrom: the sales team I heard about you.\nBye');
  });
});

describe('htmlToPlainText', () => {
  it('turns an HTML email into text with Gmail\'s quote rendered as quoted lines', () => {
    // Prepare
    const html = '<html><head><style>p{color:red}</style></head><body><div dir="ltr">Hi <b>there</b>,<br>my order <a href="https://shop.test/o/42">#42</a> is late.<img src="cid:logo"></div><div class="gmail_quote"><div>On Mon wrote:</div><blockquote>old text</blockquote></div></body></html>';

    // Act
    const text = htmlToPlainText(html);

    // Assess
    expect(text).toContain('Hi there,\nmy order #42 [https://shop.test/o/42] is late.');
    expect(text).not.toContain('color:red');
    expect(emailBody({ html })).toBe('Hi there,\nmy order #42 [https://shop.test/o/42] is late.');
  });
});

describe('emailBody of Outlook HTML', () => {
  it('cuts at Outlook\'s reply header and keeps none of the old message', () => {
    // Prepare
    const html = '<html><body><div>Please send the invoice again.</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Acme Support &lt;support@acme.test&gt;<br><b>Sent:</b> Monday, January 1, 2024 10:00 AM<br><b>To:</b> Jane &lt;jane@example.com&gt;<br><b>Subject:</b> Invoice</font><div>&nbsp;</div></div><div><p>Here is your invoice.</p><p>Regards, Acme</p></div></body></html>';

    // Act
    const body = emailBody({ html });

    // Assess
    expect(body).toBe('Please send the invoice again.');
  });
});

describe('emailBody', () => {
  it('prefers the text part and caps the length', () => {
    expect(emailBody({ text: 'plain', html: '<p>html</p>' })).toBe('plain');
    expect(emailBody({ text: 'x'.repeat(40_000) }).length).toBe(32_000);
    expect(emailBody({})).toBe('');
  });
});
