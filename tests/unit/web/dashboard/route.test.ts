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

describe('parseRoute (AI agent pages)', () => {
  it('reads knowledge, problems (with an optional id), AI settings and costs', () => {
    expect(parseRoute('#/knowledge')).toEqual({ name: 'knowledge' });
    expect(parseRoute('#/problems')).toEqual({ name: 'problems' });
    expect(parseRoute('#/problems/01JPROBLEM')).toEqual({ name: 'problems', id: '01JPROBLEM' });
    expect(parseRoute('#/problems/<x>')).toEqual({ name: 'problems' });
    expect(parseRoute('#/ai')).toEqual({ name: 'ai' });
    expect(parseRoute('#/costs')).toEqual({ name: 'costs' });
  });

  it('round-trips the AI agent pages', () => {
    for (const hash of ['#/knowledge', '#/problems', '#/problems/01JP', '#/ai', '#/costs']) expect(routeHash(parseRoute(hash))).toBe(hash);
  });
});

describe('routeHash', () => {
  it('round-trips every route', () => {
    for (const hash of ['#/inbox', '#/conversations/01JABC', '#/settings', '#/signup', '#/accept?token=t1']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});
