/**
 * TwiML — layer: adapters (channels/twilio).
 *
 * The XML Twilio's voice webhooks answer with. Documents are built as nodes and rendered in one
 * place that escapes every text and attribute value and drops characters XML 1.0 cannot carry,
 * so a caller's words or an inbox's settings can never inject markup.
 *
 * @example
 * renderTwiml([gather({ action: url, say: say('How can we help?') })]);
 * // <?xml version="1.0" encoding="UTF-8"?><Response><Gather input="speech" …><Say>How can we help?</Say></Gather></Response>
 */

/** One TwiML verb or noun. Built only by the functions below. */
export interface TwimlNode {
  readonly name: 'Say' | 'Gather' | 'Dial' | 'Number' | 'Hangup';
  readonly attributes: Readonly<Record<string, string | number | undefined>>;
  readonly children: readonly (TwimlNode | string)[];
}

/** The content type of a TwiML answer. */
export const twimlContentType = 'text/xml; charset=utf-8';

// XML 1.0 Char production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for an XML text node or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(notXmlChar, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function render(node: TwimlNode | string): string {
  if (typeof node === 'string') return escapeXml(node);
  const attributes = Object.entries(node.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
  if (node.children.length === 0) return `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${node.children.map(render).join('')}</${node.name}>`;
}

/** Renders a `<Response>` with the given verbs (none: an empty answer that ends a call or does nothing). */
export function renderTwiml(verbs: readonly TwimlNode[]): string {
  const inner = verbs.map(render).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>${inner ? `<Response>${inner}</Response>` : '<Response/>'}`;
}

/** `<Say>`: speaks the text (Amazon Polly / standard voices per `voice` and `language`). */
export function say(text: string, options: { readonly voice?: string; readonly language?: string } = {}): TwimlNode {
  return { name: 'Say', attributes: { voice: options.voice, language: options.language }, children: [text] };
}

/**
 * `<Gather input="speech">`: plays the nested prompt, listens, and POSTs the transcript
 * (`SpeechResult`, `Confidence`) to `action`.
 */
export function gather(options: {
  readonly action: string;
  readonly prompt?: TwimlNode;
  readonly language?: string;
  /** Seconds of silence that end the speech, or `auto`. */
  readonly speechTimeout?: string;
  /** Seconds to wait for speech to start. */
  readonly timeout?: number;
}): TwimlNode {
  return {
    name: 'Gather',
    attributes: {
      input: 'speech',
      action: options.action,
      method: 'POST',
      language: options.language,
      speechTimeout: options.speechTimeout ?? 'auto',
      timeout: options.timeout,
    },
    children: options.prompt ? [options.prompt] : [],
  };
}

/** `<Dial>`: connects the caller to a phone number. */
export function dial(number: string, options: { readonly callerId?: string; readonly timeout?: number } = {}): TwimlNode {
  return { name: 'Dial', attributes: { callerId: options.callerId, timeout: options.timeout }, children: [{ name: 'Number', attributes: {}, children: [number] }] };
}

/** `<Hangup/>`: ends the call. */
export function hangup(): TwimlNode {
  return { name: 'Hangup', attributes: {}, children: [] };
}
