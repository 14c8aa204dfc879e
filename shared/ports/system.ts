/**
 * System ports — layer: ports. Time and identity generation, injected so domain code and
 * services stay deterministic under test.
 */

/** The current time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  nowMs(): number;
  /** ISO-8601 UTC. */
  nowIso(): string;
}

/** Generates time-sortable ids (ULIDs) and secret tokens. */
export interface Ids {
  /** A new ULID. */
  next(): string;
  /** A URL-safe random token of at least 128 bits. */
  secretToken(): string;
}
