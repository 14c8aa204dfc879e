/**
 * webhooks — the providers' inbound webhooks (`/webhooks/...`): Twilio SMS, WhatsApp, voice and
 * status callbacks; Meta's subscribe handshake, messages and statuses; SendGrid Inbound Parse and
 * delivery events. Each binding verifies the signature over the raw body, stores the message once
 * through the inbound pipeline and answers in milliseconds. docs/CHANNELS.md describes them.
 */
import { webhooksHandler } from '../shared/runtime/webhooks/index.js';

const handler = webhooksHandler();
export { handler };
