/**
 * WhatsApp's 24-hour customer-service window as the composer shows it — pure, no DOM.
 *
 * Free text can be sent for 24 hours after the customer's last message; after that only an
 * approved template. `GET /api/v1/conversations/{id}/channel-state` says whether the window is
 * open and when it closes; the clock may close it between two fetches.
 */

/** A message template an inbox may send outside the window. */
export interface ChannelTemplate {
  readonly name: string;
  readonly language: string;
  /** The approved text with `{{1}}`, `{{2}}`… parameter markers, when the inbox knows it. */
  readonly body?: string;
  /** How many parameters the template takes, when the inbox knows it. */
  readonly parameterCount?: number;
}

/** `GET /api/v1/conversations/{id}/channel-state`. */
export interface ChannelState {
  readonly channel: string;
  readonly windowOpen?: boolean;
  readonly windowClosesAt?: string;
  readonly templates?: readonly ChannelTemplate[];
}

/** What the composer does about the window. */
export type WindowPhase =
  /** The channel has no window (or the state is unknown): compose as usual. */
  | { readonly kind: 'none' }
  /** Free text is allowed; `closingSoon` when under an hour is left. */
  | { readonly kind: 'open'; readonly closesAt?: string; readonly closingSoon: boolean }
  /** Only a template can be sent. */
  | { readonly kind: 'closed' };

const hourMs = 60 * 60 * 1000;

/**
 * The window's phase at `now`: closed when the API says so or when its closing time has passed.
 *
 * @example
 * windowPhase({ channel: 'whatsapp', windowOpen: true, windowClosesAt: '2026-12-01T12:00:00Z' }, new Date('2026-12-01T12:00:01Z'))
 * // → { kind: 'closed' }
 */
export function windowPhase(state: ChannelState | undefined, now: Date): WindowPhase {
  if (!state || state.windowOpen === undefined) return { kind: 'none' };
  if (!state.windowOpen) return { kind: 'closed' };
  if (!state.windowClosesAt) return { kind: 'open', closingSoon: false };
  const left = Date.parse(state.windowClosesAt) - now.getTime();
  if (Number.isNaN(left)) return { kind: 'open', closingSoon: false };
  if (left <= 0) return { kind: 'closed' };
  return { kind: 'open', closesAt: state.windowClosesAt, closingSoon: left < hourMs };
}

/**
 * How long the window stays open, in words: "23 h 59 min left", "42 min left", "less than a
 * minute left"; "closed" once past.
 *
 * @example
 * windowCountdown('2026-12-01T15:30:00Z', new Date('2026-12-01T12:00:00Z')) // → '3 h 30 min left'
 */
export function windowCountdown(closesAt: string, now: Date): string {
  const left = Date.parse(closesAt) - now.getTime();
  if (Number.isNaN(left)) return '';
  if (left <= 0) return 'closed';
  const minutes = Math.floor(left / 60_000);
  if (minutes < 1) return 'less than a minute left';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${minutes} min left`;
  return rest === 0 ? `${hours} h left` : `${hours} h ${rest} min left`;
}

/** The number of parameters a template takes: its declared count, else its highest `{{n}}`. */
export function templateParameterCount(template: ChannelTemplate): number {
  if (typeof template.parameterCount === 'number' && template.parameterCount >= 0) return Math.min(20, Math.floor(template.parameterCount));
  let highest = 0;
  for (const match of (template.body ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)) highest = Math.max(highest, Number(match[1]));
  return Math.min(20, highest);
}

/**
 * The text of a template with its parameters filled in (for the message shown in the stream);
 * without a known body, the template's name and language.
 *
 * @example
 * templatePreview({ name: 'order_update', language: 'en', body: 'Hi {{1}}, order {{2}} shipped' }, ['Ann', '#42'])
 * // → 'Hi Ann, order #42 shipped'
 */
export function templatePreview(template: ChannelTemplate, parameters: readonly string[]): string {
  if (!template.body) return `Template ${template.name} (${template.language})${parameters.length ? `: ${parameters.join(', ')}` : ''}`;
  return template.body.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, index: string) => parameters[Number(index) - 1] || whole);
}

/** A template's stable key in a picker (`name|language`). */
export function templateKey(template: Pick<ChannelTemplate, 'name' | 'language'>): string {
  return `${template.name}|${template.language}`;
}

/**
 * The reply body that sends a template: `{ body, template: { name, language, parameters } }`, or
 * the sentence to show when a parameter is missing.
 */
export function templateReply(
  template: ChannelTemplate,
  parameters: readonly string[],
): { readonly ok: true; readonly body: { body: string; template: { name: string; language: string; parameters: string[] } } } | { readonly ok: false; readonly error: string } {
  const count = templateParameterCount(template);
  const values = parameters.slice(0, Math.max(count, parameters.length)).map((value) => value.trim());
  const missing = Array.from({ length: count }, (_, index) => index).find((index) => !values[index]);
  if (missing !== undefined) return { ok: false, error: `Fill in parameter {{${missing + 1}}}.` };
  if (values.some((value) => value.length > 1024)) return { ok: false, error: 'A parameter is longer than 1,024 characters.' };
  const filled = count > 0 ? values.slice(0, count) : values.filter((value) => value !== '');
  return {
    ok: true,
    body: { body: templatePreview(template, filled).slice(0, 4000), template: { name: template.name, language: template.language, parameters: filled } },
  };
}
