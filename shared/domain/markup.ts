/**
 * Markup stripping — layer: domain (pure).
 *
 * Model output reaches customers as plain text (SECURITY.md §6): the widget never renders HTML,
 * and SMS, WhatsApp or email show Markdown's asterisks and hashes literally. So HTML tags and
 * Markdown syntax are removed, keeping the words, list items and link targets.
 */

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Plain text of a model's answer: HTML elements (with script/style content) removed, Markdown
 * headings, emphasis, code marks, block quotes and tables flattened, `[text](url)` → `text (url)`.
 *
 * @example
 * stripMarkup('**Refunds** take <b>5 days</b>, see [policy](https://x.test/r)')
 * // → 'Refunds take 5 days, see policy (https://x.test/r)'
 */
export function stripMarkup(input: string): string {
  let text = input.replace(/\r\n?/g, '\n');
  text = text.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '');
  text = text.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6])\s*>/gi, '\n');
  text = text.replace(/<\/?[a-zA-Z][^>]*>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  text = text.replace(/^```[^\n]*\n?/gm, '');
  text = text.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`));
  text = text.replace(/^\s{0,3}#{1,6}\s+/gm, '').replace(/^\s{0,3}>\s?/gm, '');
  text = text.replace(/^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, '').replace(/^\s*\|(.*)\|\s*$/gm, (_m, row: string) => row.split('|').map((c) => c.trim()).join(' — '));
  text = text.replace(/^(\s*)[*+]\s+/gm, '$1- ');
  text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2').replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1$2').replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1$2');
  text = text.replace(/~~(.+?)~~/g, '$1').replace(/`([^`\n]+)`/g, '$1');
  text = text.replace(/^\s{0,3}([-*_])(\s*\1){2,}\s*$/gm, '');
  text = text.replace(/&(#?\w+);/g, (match, name: string) => entities[name] ?? (name.startsWith('#') && /^#\d+$/.test(name) ? safeCodePoint(Number(name.slice(1))) : match));
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The character of a numeric entity, or nothing for control characters and invalid code points. */
function safeCodePoint(code: number): string {
  if (!Number.isInteger(code) || code < 32 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '';
  return String.fromCodePoint(code);
}
