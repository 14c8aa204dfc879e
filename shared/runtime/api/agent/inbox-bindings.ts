/**
 * The admins' widget routes of agent-api (embed snippet, widget secret, settings) — layer:
 * runtime (thin handlers: the router validated the input and checked the admin role).
 */
import { GetWidgetSetup, RotateWidgetSecret, UpdateWidgetSettings } from '../../../contracts/http/inboxes.js';
import type { WidgetSettingsChanges } from '../../../services/widget/widget-admin.js';
import { processBase } from '../../containers/base.js';
import { widgetAdmin } from '../../containers/widget.js';
import type { HttpRequest } from '../../http/request.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';

/** The origin of a header value (`Origin`, or a `Referer` URL), if it parses. */
function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * Where `/widget.js` is served: the dashboard's origin. The request's `Origin` (or, for a
 * same-origin GET that sends none, its `Referer`) when it is an allowed origin, else the first
 * allowed origin — never a value the allowlist does not hold.
 */
function widgetOrigin(request: HttpRequest): string {
  const allowed = processBase().config.allowedOrigins;
  const candidates = [originOf(request.headers.origin), originOf(request.headers.referer)];
  return candidates.find((o) => o !== undefined && allowed.includes(o)) ?? allowed[0] ?? '';
}

function target(caller: AgentApiCaller, inboxId: string, request: HttpRequest) {
  return { accountId: signedIn(caller).accountId, inboxId, widgetOrigin: widgetOrigin(request) };
}

/** The `Widget settings` routes (docs/API.md). */
export const inboxBindings: RouteBinding<AgentApiCaller>[] = [
  bind(GetWidgetSetup, async ({ params, caller, request }) => widgetAdmin().getWidgetSetup(target(caller, params.inboxId, request))),

  // The contract bounds `day` to 0–6, so the ranges are Weekday ranges.
  bind(UpdateWidgetSettings, async ({ params, body, caller, request }) => widgetAdmin().updateWidgetSettings(
    target(caller, params.inboxId, request),
    body as WidgetSettingsChanges,
  )),

  bind(RotateWidgetSecret, async ({ params, caller, request }) => widgetAdmin().rotateWidgetSecret(target(caller, params.inboxId, request))),
];
