import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../../web/dashboard/src/lib/route.js';

describe('parseRoute', () => {
  it('reads the inbox, a conversation and the settings', () => {
    expect(parseRoute('')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/inbox')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/conversations/01JABCDEFGHJKMNPQRSTVWXYZ0')).toEqual({ name: 'conversation', id: '01JABCDEFGHJKMNPQRSTVWXYZ0' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute('#/signup')).toEqual({ name: 'signup' });
  });

  it('reads an invitation token', () => {
    expect(parseRoute('#/accept?token=abc.def')).toEqual({ name: 'accept', token: 'abc.def' });
    expect(parseRoute('#/invitations/accept?token=xyz')).toEqual({ name: 'accept', token: 'xyz' });
  });

  it('falls back to the inbox for anything unknown or malformed', () => {
    expect(parseRoute('#/conversations/<script>')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/accept')).toEqual({ name: 'inbox' });
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'inbox' });
  });
});

describe('routeHash', () => {
  it('round-trips every route', () => {
    for (const hash of ['#/inbox', '#/conversations/01JABC', '#/settings', '#/signup', '#/accept?token=t1']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});
