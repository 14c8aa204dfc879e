/**
 * Avatars with initials — pure, no DOM.
 */

/**
 * Up to two initials of a name (or of an email's local part).
 *
 * @example
 * initials('Ada Lovelace') // → 'AL'
 * initials('grace@example.com') // → 'G'
 */
export function initials(name: string | undefined): string {
  const source = (name ?? '').split('@')[0]?.trim() ?? '';
  if (!source) return '?';
  const words = source.split(/[\s._-]+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable hue (0–359) for an id, so a person keeps their colour everywhere. */
export function avatarHue(id: string): number {
  let hash = 0;
  for (let index = 0; index < id.length; index += 1) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return hash % 360;
}
