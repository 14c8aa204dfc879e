/**
 * Typed attribute readers — layer: adapters (DynamoDB).
 *
 * Items come back from the SDK as `Record<string, unknown>`; these readers turn them into typed
 * values and fail loudly ({@link MalformedItemError}) instead of letting a wrong type reach the
 * domain. Optional readers return `undefined` for a missing attribute.
 */
import { MalformedItemError } from './errors.js';

/** A raw item as the document client returns it. */
export type Item = Record<string, unknown>;

/** Reads a required string attribute. */
export function str(item: Item, entity: string, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw new MalformedItemError(entity, name);
  return value;
}

/** Reads an optional string attribute. */
export function optStr(item: Item, entity: string, name: string): string | undefined {
  const value = item[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new MalformedItemError(entity, name);
  return value;
}

/** Reads a required number attribute. */
export function num(item: Item, entity: string, name: string): number {
  const value = item[name];
  if (typeof value !== 'number') throw new MalformedItemError(entity, name);
  return value;
}

/** Reads a required boolean attribute. */
export function bool(item: Item, entity: string, name: string): boolean {
  const value = item[name];
  if (typeof value !== 'boolean') throw new MalformedItemError(entity, name);
  return value;
}

/** Reads a required string attribute that must be one of `allowed`. */
export function oneOf<const T extends string>(item: Item, entity: string, name: string, allowed: readonly T[]): T {
  const value = item[name];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new MalformedItemError(entity, name);
  return value as T;
}

/** Reads a required map attribute. */
export function map(item: Item, entity: string, name: string): Item {
  const value = item[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedItemError(entity, name);
  return value as Item;
}

/** `{ [name]: value }` when value is defined, else `{}`: keeps absent optionals absent. */
export function optional<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
