/**
 * The small mark of an inbox's channel (website, email, SMS, WhatsApp, calls, Messenger,
 * Instagram), in the conversation list, the conversation header and the inbox settings.
 */
import { channelInfoOf } from '../lib/channels.js';
import './channel-icon.css';

const glyphs: Record<string, string> = {
  web: 'M12 21a9 9 0 110-18 9 9 0 010 18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
  email: 'M3 6h18v12H3zM3 7l9 6 9-6',
  sms: 'M4 5h16v11H9.5L5 20v-4H4zM8 10.5h.01M12 10.5h.01M16 10.5h.01',
  whatsapp:
    'M12 3.5a8.5 8.5 0 00-7.3 12.8L3.5 20.5l4.3-1.1A8.5 8.5 0 1012 3.5zM9 8.2c.3-.4.9-.4 1.1 0l.8 1.6c.1.3 0 .6-.2.8l-.5.5c.5 1.1 1.4 2 2.6 2.6l.5-.5c.2-.2.5-.3.8-.2l1.6.8c.4.2.4.8 0 1.1-.9.8-2.2 1-3.3.4a8.6 8.6 0 01-3.8-3.8c-.6-1.1-.4-2.4.4-3.3z',
  voice: 'M5 3h4l2 5-2.5 1.5a11 11 0 005 5L15 12l5 2v4a2 2 0 01-2 2A16 16 0 013 5a2 2 0 012-2z',
  messenger: 'M12 3C7 3 3 6.7 3 11.3c0 2.6 1.3 4.9 3.3 6.4V21l3-1.7c.9.3 1.8.4 2.7.4 5 0 9-3.7 9-8.4S17 3 12 3zM7.5 13.8l3-3.3 2 2 3.5-3.3-3 3.3-2-2z',
  instagram: 'M7.5 3h9A4.5 4.5 0 0121 7.5v9a4.5 4.5 0 01-4.5 4.5h-9A4.5 4.5 0 013 16.5v-9A4.5 4.5 0 017.5 3zM12 15.8a3.8 3.8 0 100-7.6 3.8 3.8 0 000 7.6zM17.2 6.8h.01',
};
glyphs.whatsapp_cloud = glyphs.whatsapp ?? '';

/**
 * A channel's mark. `badge` draws it on a tinted square (lists and headers); plain is the bare
 * glyph (inline in text). Screen readers hear the channel's name unless `decorative`.
 */
export function ChannelIcon(props: { channel: string; size?: number; badge?: boolean; decorative?: boolean; class?: string }) {
  const size = props.size ?? 14;
  const label = channelInfoOf(props.channel).label;
  const known = props.channel in glyphs ? props.channel : 'web';
  const svg = (
    <svg
      class="channel-glyph"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={glyphs[known]} />
    </svg>
  );
  return (
    <span
      class={`channel-icon channel-${known} ${props.badge ? 'channel-icon-badge' : ''} ${props.class ?? ''}`}
      data-testid="channel-icon"
      data-channel={props.channel}
      title={props.decorative ? undefined : label}
      role={props.decorative ? undefined : 'img'}
      aria-label={props.decorative ? undefined : label}
      aria-hidden={props.decorative ? 'true' : undefined}
    >
      {svg}
    </span>
  );
}
