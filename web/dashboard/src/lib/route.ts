/**
 * Hash routes of the dashboard — pure, no DOM. Hash routing needs no server fallback:
 * `#/inbox`, `#/conversations/<id>`, `#/settings`, `#/signup`, `#/accept?token=…`, and the AI
 * agent's pages `#/knowledge`, `#/problems[/<id>]`, `#/ai`, `#/costs`.
 */

/** Where the dashboard is. */
export type Route =
  | { readonly name: 'inbox' }
  | { readonly name: 'conversation'; readonly id: string }
  | { readonly name: 'settings' }
  | { readonly name: 'knowledge' }
  | { readonly name: 'problems'; readonly id?: string }
  | { readonly name: 'ai' }
  | { readonly name: 'costs' }
  | { readonly name: 'signup' }
  | { readonly name: 'accept'; readonly token: string };

const idPattern = /^[0-9A-Za-z_-]{1,64}$/;

/**
 * Reads a `location.hash`.
 *
 * @example
 * parseRoute('#/conversations/01J…') // → { name: 'conversation', id: '01J…' }
 */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean);
  const head = parts[0] ?? '';
  if (head === 'conversations' && parts[1] && idPattern.test(parts[1])) return { name: 'conversation', id: parts[1] };
  if (head === 'settings') return { name: 'settings' };
  if (head === 'knowledge') return { name: 'knowledge' };
  if (head === 'problems') return parts[1] && idPattern.test(parts[1]) ? { name: 'problems', id: parts[1] } : { name: 'problems' };
  if (head === 'ai') return { name: 'ai' };
  if (head === 'costs') return { name: 'costs' };
  if (head === 'signup') return { name: 'signup' };
  if (head === 'accept' || head === 'accept-invitation' || (head === 'invitations' && parts[1] === 'accept')) {
    const token = new URLSearchParams(query).get('token');
    if (token) return { name: 'accept', token };
  }
  return { name: 'inbox' };
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.name) {
    case 'conversation':
      return `#/conversations/${route.id}`;
    case 'settings':
      return '#/settings';
    case 'knowledge':
      return '#/knowledge';
    case 'problems':
      return route.id ? `#/problems/${route.id}` : '#/problems';
    case 'ai':
      return '#/ai';
    case 'costs':
      return '#/costs';
    case 'signup':
      return '#/signup';
    case 'accept':
      return `#/accept?token=${encodeURIComponent(route.token)}`;
    default:
      return '#/inbox';
  }
}
