/**
 * The admins' widget routes of the agents' API — layer: contracts (function `agent-api`, prefix
 * `/api/v1`, tag `Widget settings`). docs/API.md "Widget settings".
 *
 * An admin reads a web inbox's embed snippet and widget secret, changes what the chat window
 * shows, and rotates the secret. The account comes from the session: another tenant's inbox
 * answers 404; an inbox of the account that is not a web inbox answers 400 `not_a_web_inbox`.
 */
import * as z from 'zod/mini';
import {
  isValidTimeZone, minutesOfDay, normalizedOrigin, widgetListLimits, widgetTextLimits,
} from '../../domain/widget-settings.js';
import { defineRoute } from './route.js';

const tag = 'Widget settings';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));
const InboxPath = z.object({ inboxId: ulid });

const hhmm = (what: string, allowMidnightEnd: boolean) => z.string().check(z.refine((value) => {
  const minutes = minutesOfDay(value);
  return minutes !== undefined && (allowMidnightEnd || minutes < 24 * 60);
}, `must be a time HH:MM (${what})`));

/** One weekly opening range; the end is exclusive and must come after the start. */
const ServiceHoursRange = z.object({
  day: z.int().check(z.minimum(0, 'must be 0 (Sunday) to 6 (Saturday)'), z.maximum(6, 'must be 0 (Sunday) to 6 (Saturday)')),
  start: hhmm('00:00–23:59', false),
  end: hhmm('00:00–24:00', true),
}).check(z.refine((range) => (minutesOfDay(range.start) ?? 0) < (minutesOfDay(range.end) ?? 0), { message: 'end must be after start', path: ['end'] }));

/** Service hours: an IANA time zone (checked with Intl) and weekly ranges. */
const ServiceHoursInput = z.object({
  timeZone: z.string().check(z.maxLength(64), z.refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')),
  weekly: z.array(ServiceHoursRange).check(z.maxLength(widgetListLimits.weeklyRanges, `at most ${widgetListLimits.weeklyRanges} ranges`)),
});

const text = (max: number) => z.string().check(z.maxLength(max, `at most ${max} characters`));

/** An http(s) origin such as `https://shop.example` (no path). */
const Origin = z.string().check(
  z.maxLength(253),
  z.refine((value) => normalizedOrigin(value) !== undefined, 'must be an origin such as https://shop.example (no path)'),
);

/** The settings as the chat window shows them (defaults filled in for unset texts). */
export const WidgetSettingsView = z.object({
  greeting: z.string(),
  offlineMessage: z.string(),
  replyTime: z.string(),
  serviceHours: z.nullable(z.object({
    timeZone: z.string(),
    weekly: z.array(z.object({ day: z.number(), start: z.string(), end: z.string() })),
  })),
  allowedDomains: z.array(z.string()),
});

/** Everything an admin needs to embed the widget and verify signed-in users. */
export const WidgetSetupView = z.object({
  inboxId: z.string(),
  inboxName: z.string(),
  widgetToken: z.string(),
  widgetSecret: z.string(),
  settings: WidgetSettingsView,
  embedSnippet: z.string(),
});

/** `GET /api/v1/inboxes/{inboxId}/widget` */
export const GetWidgetSetup = defineRoute({
  method: 'GET', path: '/api/v1/inboxes/{inboxId}/widget', tag, auth: 'admin',
  summary: "A web inbox's embed snippet, widget secret and settings",
  description: 'The secret signs user ids on the tenant\'s server (`hex(HMAC-SHA256(widgetSecret, userId))`); one is generated when the inbox has none. '
    + 'Another tenant\'s inbox answers 404; an inbox of another channel, 400 `not_a_web_inbox`.',
  params: InboxPath,
  response: { status: 200, description: 'The widget set-up', schema: WidgetSetupView },
  errors: [403],
});

/** `PATCH /api/v1/inboxes/{inboxId}/widget` */
export const UpdateWidgetSettings = defineRoute({
  method: 'PATCH', path: '/api/v1/inboxes/{inboxId}/widget', tag, auth: 'admin',
  summary: "Change what a web inbox's chat window shows",
  description: 'Every field is optional; a field sent as `null` (or an empty text) goes back to its default. '
    + '`serviceHours: null` means always online. `allowedDomains`: host-page origins the chat may run on (empty: anywhere).',
  params: InboxPath,
  maxBodyBytes: 16 * 1024,
  body: z.object({
    greeting: z.optional(z.nullable(text(widgetTextLimits.greeting))),
    offlineMessage: z.optional(z.nullable(text(widgetTextLimits.offlineMessage))),
    replyTime: z.optional(z.nullable(text(widgetTextLimits.replyTime))),
    serviceHours: z.optional(z.nullable(ServiceHoursInput)),
    allowedDomains: z.optional(z.array(Origin).check(
      z.maxLength(widgetListLimits.allowedDomains, `at most ${widgetListLimits.allowedDomains} origins`),
    )),
  }),
  response: { status: 200, description: 'The widget set-up after the change', schema: WidgetSetupView },
  errors: [403],
});

/** `POST /api/v1/inboxes/{inboxId}/widget/rotate-secret` */
export const RotateWidgetSecret = defineRoute({
  method: 'POST', path: '/api/v1/inboxes/{inboxId}/widget/rotate-secret', tag, auth: 'admin',
  summary: "Replace a web inbox's widget secret",
  description: 'User hashes made with the old secret stop working at once (every widget request checks the hash): '
    + 'update the secret on your server right after rotating. Visitors who are signed in must get a new hash.',
  params: InboxPath,
  response: { status: 200, description: 'The widget set-up with the new secret', schema: WidgetSetupView },
  errors: [403],
});

/** Every widget-settings contract, in the order of docs/API.md. */
export const agentInboxContracts = [GetWidgetSetup, UpdateWidgetSettings, RotateWidgetSecret] as const;
