/**
 * The webhooks function's bindings, assembled — layer: runtime.
 */
import { metaBindings } from './meta-bindings.js';
import { sendgridBindings } from './sendgrid-bindings.js';
import { twilioBindings } from './twilio-bindings.js';
import { webhookRouter, type WebhookBinding } from './webhook-router.js';

/** Every webhook binding of every provider. */
export function webhookBindings(): WebhookBinding[] {
  return [...twilioBindings, ...metaBindings, ...sendgridBindings];
}

/** The Lambda handler of the webhooks function. */
export function webhooksHandler() {
  return webhookRouter(webhookBindings());
}
