/**
 * Keeping the AI pages' lists right as realtime events arrive — pure, no DOM: knowledge sources
 * (`knowledge.source` events carry the whole source, possibly late) and notifications
 * (`notification.created`, possibly also in the next fetch).
 */

/** The fields of a knowledge source the list logic needs. */
export interface ListedSource {
  readonly id: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Inserts or replaces a source, newest first. A late event (older version, or the same version
 * written earlier) does not undo a newer state.
 *
 * @example
 * upsertSource([{ id: 's', version: 2, … }], { id: 's', version: 1, … }) // → unchanged
 */
export function upsertSource<S extends ListedSource>(sources: readonly S[], source: S): S[] {
  const current = sources.find((item) => item.id === source.id);
  if (current && (current.version > source.version || (current.version === source.version && current.updatedAt > source.updatedAt))) return sources as S[];
  const rest = sources.filter((item) => item.id !== source.id);
  return [source, ...rest].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** The fields of a notification the list logic needs. */
export interface ListedNotification {
  readonly id: string;
  readonly createdAt: string;
  readonly readAt?: string;
}

/** Merges notifications by id (a known one keeps being read once read), newest first, at most `max`. */
export function mergeNotifications<N extends ListedNotification>(current: readonly N[], incoming: readonly N[], max = 100): N[] {
  const byId = new Map(current.map((item) => [item.id, item]));
  for (const item of incoming) {
    const known = byId.get(item.id);
    byId.set(item.id, known?.readAt && !item.readAt ? { ...item, readAt: known.readAt } : item);
  }
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, max);
}
