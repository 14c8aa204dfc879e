/**
 * Twilio's delivery error codes in words — layer: adapters (channels, pure).
 *
 * Its own module so the outbound sender can name a failure without bundling the inbound
 * webhook parsing (and its request schemas).
 */
/** What agents read for Twilio's most common delivery error codes. */
const errorDescriptions: Readonly<Record<string, string>> = {
  '21211': 'invalid "To" phone number',
  '21408': 'permission to send to this region is not enabled',
  '21610': 'the recipient replied STOP (unsubscribed)',
  '21614': 'the "To" number is not a mobile number',
  '30001': 'queue overflow',
  '30002': 'the Twilio account is suspended',
  '30003': 'unreachable destination handset',
  '30004': 'message blocked',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '30007': 'filtered by the carrier',
  '30008': 'unknown error',
  '63016': 'outside the WhatsApp 24-hour window: send an approved template',
};

/** The reason shown to agents for a Twilio error code: `Twilio 30003: unreachable destination handset`. */
export function describeTwilioError(code: string | number | undefined, message?: string): string {
  const key = code === undefined ? '' : String(code);
  const description = errorDescriptions[key] ?? message?.trim();
  if (!key) return description ? `Twilio: ${description}` : 'Twilio reported the message as failed';
  return description ? `Twilio ${key}: ${description}` : `Twilio error ${key}`;
}
