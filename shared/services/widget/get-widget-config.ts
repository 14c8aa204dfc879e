/**
 * The widget's public configuration — layer: services.
 *
 * Primary course:
 *  1. Resolve the web inbox from the public widget token.
 *  2. Fill in the default greeting, offline message and reply time.
 *  3. Compute `online` from the service hours and the clock (in the inbox's time zone).
 */
import type { ServiceHours } from '../../domain/entities.js';
import { isWithinServiceHours, resolvedWidgetSettings } from '../../domain/widget-settings.js';
import type { AccountRepository, InboxRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { WidgetNotFoundError } from './errors.js';
import { inboxOfWidgetToken } from './widget-inbox.js';

/** Dependencies of {@link makeGetWidgetConfig}. */
export interface GetWidgetConfigDeps {
  readonly inboxes: InboxRepository;
  readonly accounts: AccountRepository;
  readonly clock: Clock;
}

/** What the chat window shows before anyone types. */
export interface WidgetConfig {
  readonly inboxName: string;
  readonly accountName: string;
  readonly greeting: string;
  readonly online: boolean;
  readonly serviceHours: ServiceHours | null;
  readonly offlineMessage: string;
  readonly replyTime: string;
  readonly allowedDomains: readonly string[];
}

/** Creates the use case behind `GET /widget/v1/config`. */
export function makeGetWidgetConfig(deps: GetWidgetConfigDeps) {
  return async function getWidgetConfig(widgetToken: string): Promise<WidgetConfig> {
    const inbox = await inboxOfWidgetToken(deps.inboxes, widgetToken);
    const account = await deps.accounts.get(inbox.accountId);
    if (!account) throw new WidgetNotFoundError();
    const settings = resolvedWidgetSettings(inbox.widgetSettings);
    return {
      inboxName: inbox.name,
      accountName: account.name,
      greeting: settings.greeting,
      online: isWithinServiceHours(settings.serviceHours, deps.clock.nowMs()),
      serviceHours: settings.serviceHours ?? null,
      offlineMessage: settings.offlineMessage,
      replyTime: settings.replyTime,
      allowedDomains: settings.allowedDomains,
    };
  };
}
