/**
 * HTTP API routes — layer: infra (local composition root).
 *
 * Matches requests against the route keys of the manifest's `http` functions with API Gateway
 * HTTP API rules: `{name}` matches one path segment, a final `{name+}` matches the rest of the
 * path (one segment or more), a method beats `ANY`, and the most specific route wins (a literal
 * segment beats a variable, a variable beats a greedy one, then the longer route wins).
 */
import type { LocalFunction } from './functions.js';

type Segment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string };

/** One route key bound to the function that serves it. */
export interface HttpRoute {
  /** As written in the manifest: `POST /webhooks/twilio/{inboxId}`. */
  readonly routeKey: string;
  readonly method: string;
  readonly fn: LocalFunction;
  readonly segments: readonly Segment[];
}

/** A matched request. */
export interface RouteMatch {
  readonly route: HttpRoute;
  readonly pathParameters: Readonly<Record<string, string>>;
}

function parseSegments(path: string, routeKey: string): Segment[] {
  const parts = path.split('/').slice(1);
  return parts.map((part, index) => {
    const variable = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', value: part };
    const name = variable[1] ?? '';
    if (variable[2] !== '+') return { kind: 'variable', name };
    if (index !== parts.length - 1) throw new Error(`Route "${routeKey}": a greedy {${name}+} must be the last segment`);
    return { kind: 'greedy', name };
  });
}

/**
 * Compiles the routes of every function with an `http` trigger. A route key served by two
 * functions is a configuration error, as API Gateway would refuse it.
 */
export function compileRoutes(functions: readonly LocalFunction[]): HttpRoute[] {
  const routes: HttpRoute[] = [];
  const seen = new Map<string, string>();
  for (const fn of functions) {
    if (fn.trigger.kind !== 'http') continue;
    for (const routeKey of fn.trigger.routes) {
      const owner = seen.get(routeKey);
      if (owner) throw new Error(`Route "${routeKey}" is served by both ${owner} and ${fn.name}`);
      seen.set(routeKey, fn.name);
      const [method = '', path = ''] = routeKey.split(' ');
      routes.push({ routeKey, method: method.toUpperCase(), fn, segments: parseSegments(path, routeKey) });
    }
  }
  return routes;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.every((p) => p === '')) return undefined;
      parameters[segment.name] = rest.map(decode).join('/');
      return parameters;
    }
    const part = parts[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (decode(part) !== segment.value) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    }
  }
  return segments.length === parts.length ? parameters : undefined;
}

const rank = { literal: 2, variable: 1, greedy: 0 } as const;

/** Positive when `a` is more specific than `b`. */
function specificity(a: HttpRoute, b: HttpRoute): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const difference = rank[a.segments[i]?.kind ?? 'greedy'] - rank[b.segments[i]?.kind ?? 'greedy'];
    if (difference !== 0) return difference;
  }
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  return (a.method === 'ANY' ? 0 : 1) - (b.method === 'ANY' ? 0 : 1);
}

/**
 * Finds the route for a method and a raw path (`/a/b%20c`); path parameters are URL-decoded.
 *
 * @example
 * matchRoute(routes, 'POST', '/webhooks/twilio/01J…')?.pathParameters; // { inboxId: '01J…' }
 */
export function matchRoute(routes: readonly HttpRoute[], method: string, rawPath: string): RouteMatch | undefined {
  const parts = rawPath.split('/').slice(1);
  let best: RouteMatch | undefined;
  for (const route of routes) {
    if (route.method !== method && route.method !== 'ANY') continue;
    const pathParameters = matchSegments(route.segments, parts);
    if (!pathParameters) continue;
    if (!best || specificity(route, best.route) > 0) best = { route, pathParameters };
  }
  return best;
}
