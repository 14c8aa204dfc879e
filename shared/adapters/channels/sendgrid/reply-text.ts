/**
 * The visible part of an email reply — layer: adapters (SendGrid).
 *
 * Customers answer from Gmail, Outlook, Apple Mail and phones, which append the whole thread
 * below the new text. The conversation already holds that history, so only the new text becomes
 * the message body (the original HTML is kept beside it). Recognised, in this order of strength:
 *  - an attribution line that introduces quoted history: Gmail/Apple "On … wrote:" (also folded
 *    over two lines, and the French, German, Spanish, Dutch, Italian and Portuguese forms),
 *    Outlook's "-----Original Message-----" and its "From: … / Sent: …" header block (optionally
 *    after a line of underscores);
 *  - `>` quoted lines: a trailing quoted block is cut; quoted lines between the customer's own
 *    lines (inline replies) are dropped and the customer's lines kept;
 *  - a signature: the standard `-- ` delimiter (RFC 3676 §4.3) and the phones' "Sent from my …"
 *    / "Get Outlook for …" footers.
 * When trimming would leave nothing (a bare forward), the untrimmed text is kept.
 */
import { convert } from 'html-to-text';

/** Longest message body stored from an email (the rest stays in the original HTML). */
export const maxEmailBodyChars = 32_000;

const attributionPatterns: readonly RegExp[] = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^Le\b.{0,300}\ba écrit\s*:\s*$/i,
  /^Am\b.{0,300}\bschrieb\b.{0,300}:\s*$/i,
  /^El\b.{0,300}\bescribió:\s*$/i,
  /^Op\b.{0,300}\bschreef\b.{0,300}:\s*$/i,
  /^Il giorno\b.{0,300}\bha scritto:\s*$/i,
  /^Em\b.{0,300}\bescreveu:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
  /^Begin forwarded message:\s*$/i,
];

const outlookHeaderStart = /^\*?(From|Von|De|Van|Da)\s*:\*?\s+\S/i;
const outlookHeaderNext = /^\*?(Sent|Date|Gesendet|Envoyé|Enviado|Verzonden|Inviato|To|An|À|Para|Aan|A|Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Assunto|Cc)\s*:\*?/i;
const phoneFooter = /^(Sent from my [\w\s-]{1,40}|Sent from (Mail|Outlook|Yahoo Mail) for [\w\s-]{1,30}|Get Outlook for [\w\s-]{1,30}|Envoyé de mon [\w\s-]{1,40}|Von meinem [\w\s-]{1,40} gesendet)\.?\s*$/i;

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

/** Index of the first line that starts quoted history, or -1. */
function historyStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (attributionPatterns.some((p) => p.test(line))) return i;
    // Gmail folds a long attribution: "On Tue, … Jane Doe <" / "jane@example.com> wrote:".
    if (/^On\b/i.test(line) && i + 1 < lines.length && /\bwrote:\s*$/i.test(lines[i + 1]!.trim()) && line.length + lines[i + 1]!.length < 400) return i;
    if (outlookHeaderStart.test(line)) {
      const next = lines.slice(i + 1, i + 5).map((l) => l.trim());
      if (next.some((l) => outlookHeaderNext.test(l))) {
        const previous = i > 0 ? lines[i - 1]!.trim() : '';
        return /^_{10,}$/.test(previous) ? i - 1 : i;
      }
    }
  }
  return -1;
}

/** Index of the signature delimiter or phone footer, or -1. */
function signatureStart(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '-- ' || line === '--') return i;
    if (phoneFooter.test(line.trim())) return i;
  }
  return -1;
}

/**
 * Keeps the new text of an email reply: quoted history and signature removed, whitespace tidied.
 *
 * @example
 * visibleReplyText('Thanks!\n\nOn Mon, 1 Jan 2024 Jane <j@x.com> wrote:\n> Hello');
 * // 'Thanks!'
 */
export function visibleReplyText(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  let lines = normalised.split('\n').map((l) => l.replace(/[ \t]+$/, (m) => (m === ' ' ? ' ' : '')));
  const history = historyStart(lines);
  if (history >= 0) lines = lines.slice(0, history);
  // A trailing block of quoted lines (and blank lines) is history; quoted lines in between the
  // customer's own text are the bits they answer inline: drop those, keep the answers.
  // Separator rules (`<hr>`, underscores) left above the history go with it.
  let end = lines.length;
  while (end > 0 && (lines[end - 1]!.trim() === '' || isQuoted(lines[end - 1]!) || /^\s*[-_=*]{3,}\s*$/.test(lines[end - 1]!))) end--;
  lines = lines.slice(0, end).filter((line) => !isQuoted(line));
  const signature = signatureStart(lines);
  if (signature >= 0) lines = lines.slice(0, signature);
  const trimmed = tidy(lines.join('\n'));
  return trimmed === '' ? tidy(normalised) : trimmed;
}

function tidy(text: string): string {
  return text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Plain text of an HTML email: links as "text [url]", lists, tables and line breaks kept,
 * images and styles dropped; Gmail's and Outlook's quoted history blocks rendered as `>` quotes
 * so {@link visibleReplyText} removes them (Outlook's reply header stays plain text: its
 * "From: … Sent: …" block is where the history is cut).
 */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: false,
    limits: { maxInputLength: 2_000_000, maxDepth: 200 },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'head', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      { selector: 'div.gmail_quote', format: 'blockquote' },
      { selector: 'div#appendonsend', format: 'skip' },
      { selector: 'blockquote', format: 'blockquote', options: { trimEmptyLines: true } },
    ],
  });
}

/**
 * The message body of an inbound email: its plain-text part, or its HTML converted when it has
 * no text part; then the visible reply only, at most {@link maxEmailBodyChars} characters.
 */
export function emailBody(input: { readonly text?: string; readonly html?: string }): string {
  const source = input.text && input.text.trim() !== '' ? input.text : input.html ? htmlToPlainText(input.html) : '';
  const visible = visibleReplyText(source);
  return visible.length > maxEmailBodyChars ? `${visible.slice(0, maxEmailBodyChars - 1)}…` : visible;
}
