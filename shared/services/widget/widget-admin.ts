/**
 * The admins' side of the chat widget — layer: services.
 *
 * An admin needs three things to put the widget on the tenant's site: the embed snippet (with
 * the public widget token), the widget secret (kept on the tenant's server, to sign user ids),
 * and the settings the chat window shows. Primary course of each use case:
 *  1. Load the inbox from the caller's account (another tenant's: InboxNotFoundError, 404) and
 *     insist on a web inbox (NotAWebInboxError, 400).
 *  2. Read: make sure a secret exists (generated on first use). Update: merge the changes into
 *     the stored settings, validate, store. Rotate: compare-and-set a new secret.
 *  3. Answer the set-up view, snippet included.
 */
import type { Inbox, ServiceHours, WidgetSettings } from '../../domain/entities.js';
import { normalizedOrigin, resolvedWidgetSettings, serviceHoursProblem, widgetListLimits, widgetTextLimits } from '../../domain/widget-settings.js';
import type { InboxRepository } from '../../ports/repositories.js';
import type { Ids } from '../../ports/system.js';
import { InboxNotFoundError, NotAWebInboxError, WidgetSettingsInvalidError } from './errors.js';
import { widgetSecretOf } from './widget-inbox.js';

/** Dependencies of the widget admin use cases. */
export interface WidgetAdminDeps {
  readonly inboxes: InboxRepository;
  readonly ids: Ids;
}

/** Which inbox, for whom, and where the widget script is served (for the snippet). */
export interface WidgetAdminTarget {
  readonly accountId: string;
  readonly inboxId: string;
  /** The origin serving `/widget.js` (the dashboard's), e.g. `https://chat.example`. */
  readonly widgetOrigin: string;
}

/** What the dashboard shows an admin about a web inbox's widget. */
export interface WidgetSetup {
  readonly inboxId: string;
  readonly inboxName: string;
  readonly widgetToken: string;
  readonly widgetSecret: string;
  readonly settings: {
    readonly greeting: string;
    readonly offlineMessage: string;
    readonly replyTime: string;
    readonly serviceHours: ServiceHours | null;
    readonly allowedDomains: readonly string[];
  };
  readonly embedSnippet: string;
}

/**
 * Changes to the settings: an absent field is kept; `null` or an empty text goes back to the
 * default (`serviceHours: null`: always online); `allowedDomains: []` allows every host page.
 */
export interface WidgetSettingsChanges {
  readonly greeting?: string | null;
  readonly offlineMessage?: string | null;
  readonly replyTime?: string | null;
  readonly serviceHours?: ServiceHours | null;
  readonly allowedDomains?: readonly string[];
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The tag a tenant pastes into its pages.
 *
 * @example
 * embedSnippetFor('https://chat.example', 'wt_abc') // → '<script src="https://chat.example/widget.js" data-token="wt_abc" async></script>'
 */
export function embedSnippetFor(widgetOrigin: string, widgetToken: string): string {
  return `<script src="${escapeAttribute(`${widgetOrigin}/widget.js`)}" data-token="${escapeAttribute(widgetToken)}" async></script>`;
}

function text(field: keyof typeof widgetTextLimits, value: string | null | undefined, current: string | undefined): string | undefined {
  if (value === undefined) return current;
  const trimmed = (value ?? '').trim();
  if (trimmed.length > widgetTextLimits[field]) throw new WidgetSettingsInvalidError(`${field}: at most ${widgetTextLimits[field]} characters`);
  return trimmed.length > 0 ? trimmed : undefined;
}

function origins(values: readonly string[]): string[] {
  if (values.length > widgetListLimits.allowedDomains) {
    throw new WidgetSettingsInvalidError(`allowedDomains: at most ${widgetListLimits.allowedDomains} origins`);
  }
  const out: string[] = [];
  for (const [index, value] of values.entries()) {
    const origin = normalizedOrigin(value);
    if (!origin) throw new WidgetSettingsInvalidError(`allowedDomains.${index}: must be an origin such as https://shop.example (no path)`);
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

function hours(value: ServiceHours | null | undefined, current: ServiceHours | undefined): ServiceHours | undefined {
  if (value === undefined) return current;
  if (value === null) return undefined;
  const problem = serviceHoursProblem(value);
  if (problem) throw new WidgetSettingsInvalidError(`serviceHours.${problem}`);
  const weekly = [...value.weekly]
    .map((r) => ({ day: r.day, start: r.start, end: r.end }))
    .sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
  return { timeZone: value.timeZone, weekly };
}

/**
 * The settings after `changes`, validated (WidgetSettingsInvalidError naming the field) and
 * normalized: texts trimmed (empty → default), origins lower-cased and de-duplicated, ranges
 * sorted by day and start. Unset fields are left out, never stored as undefined.
 */
export function mergedWidgetSettings(current: WidgetSettings | undefined, changes: WidgetSettingsChanges): WidgetSettings {
  const greeting = text('greeting', changes.greeting, current?.greeting);
  const offlineMessage = text('offlineMessage', changes.offlineMessage, current?.offlineMessage);
  const replyTime = text('replyTime', changes.replyTime, current?.replyTime);
  const serviceHours = hours(changes.serviceHours, current?.serviceHours);
  const allowedDomains = changes.allowedDomains === undefined ? current?.allowedDomains : origins(changes.allowedDomains);
  return {
    ...(greeting !== undefined ? { greeting } : {}),
    ...(offlineMessage !== undefined ? { offlineMessage } : {}),
    ...(replyTime !== undefined ? { replyTime } : {}),
    ...(serviceHours !== undefined ? { serviceHours } : {}),
    ...(allowedDomains !== undefined && allowedDomains.length > 0 ? { allowedDomains: [...allowedDomains] } : {}),
  };
}

/** The caller's web inbox, or the 404 / 400 errors. */
async function webInbox(inboxes: InboxRepository, accountId: string, inboxId: string): Promise<Inbox & { widgetToken: string }> {
  const inbox = await inboxes.get(accountId, inboxId);
  if (!inbox) throw new InboxNotFoundError();
  if (inbox.channel !== 'web' || !inbox.widgetToken) throw new NotAWebInboxError();
  return inbox as Inbox & { widgetToken: string };
}

function setupView(inbox: Inbox & { widgetToken: string }, widgetSecret: string, widgetOrigin: string): WidgetSetup {
  const resolved = resolvedWidgetSettings(inbox.widgetSettings);
  return {
    inboxId: inbox.id,
    inboxName: inbox.name,
    widgetToken: inbox.widgetToken,
    widgetSecret,
    settings: {
      greeting: resolved.greeting,
      offlineMessage: resolved.offlineMessage,
      replyTime: resolved.replyTime,
      serviceHours: resolved.serviceHours ?? null,
      allowedDomains: resolved.allowedDomains,
    },
    embedSnippet: embedSnippetFor(widgetOrigin, inbox.widgetToken),
  };
}

/** Creates the use case behind `GET /api/v1/inboxes/{inboxId}/widget`. */
export function makeGetWidgetSetup(deps: WidgetAdminDeps) {
  return async function getWidgetSetup(target: WidgetAdminTarget): Promise<WidgetSetup> {
    const inbox = await webInbox(deps.inboxes, target.accountId, target.inboxId);
    const secret = await widgetSecretOf(deps.inboxes, deps.ids, inbox);
    return setupView(inbox, secret, target.widgetOrigin);
  };
}

/** Creates the use case behind `PATCH /api/v1/inboxes/{inboxId}/widget`. */
export function makeUpdateWidgetSettings(deps: WidgetAdminDeps) {
  return async function updateWidgetSettings(target: WidgetAdminTarget, changes: WidgetSettingsChanges): Promise<WidgetSetup> {
    const inbox = await webInbox(deps.inboxes, target.accountId, target.inboxId);
    const settings = mergedWidgetSettings(inbox.widgetSettings, changes);
    const updated = await deps.inboxes.setWidgetSettings(target.accountId, target.inboxId, settings);
    if (!updated) throw new InboxNotFoundError();
    const secret = await widgetSecretOf(deps.inboxes, deps.ids, updated);
    return setupView({ ...updated, widgetToken: inbox.widgetToken }, secret, target.widgetOrigin);
  };
}

/**
 * Creates the use case behind `POST /api/v1/inboxes/{inboxId}/widget/rotate-secret`. User
 * hashes made with the old secret stop working at once: every widget request checks the hash.
 */
export function makeRotateWidgetSecret(deps: WidgetAdminDeps) {
  return async function rotateWidgetSecret(target: WidgetAdminTarget): Promise<WidgetSetup> {
    const inbox = await webInbox(deps.inboxes, target.accountId, target.inboxId);
    const current = await widgetSecretOf(deps.inboxes, deps.ids, inbox);
    const stored = await deps.inboxes.rotateWidgetSecret(target.accountId, target.inboxId, current, `wsec_${deps.ids.secretToken()}`);
    if (!stored) throw new InboxNotFoundError();
    return setupView(inbox, stored, target.widgetOrigin);
  };
}
