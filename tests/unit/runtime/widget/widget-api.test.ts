import { describe, expect, it } from 'vitest';
import { makeAuthenticateWidgetCaller, visitorCredentialsOf } from '../../../../shared/runtime/api/widget/authenticate.js';
import { publicConversation, publicMessage } from '../../../../shared/runtime/api/widget/widget-views.js';
import { requestFromEvent } from '../../../../shared/runtime/http/request.js';
import { httpEvent } from '../../../helpers/http-events.js';

describe('visitorCredentialsOf', () => {
  it('reads the bearer visitor token and the verified-user headers', () => {
    const request = requestFromEvent(httpEvent('GET /widget/v1/conversations', {
      headers: { Authorization: 'Bearer 01ABC.secret', 'X-Switchboard-User-Id': 'user-42', 'X-Switchboard-User-Hash': 'ab'.repeat(32) },
    }));
    expect(visitorCredentialsOf(request)).toEqual({ visitorToken: '01ABC.secret', userId: 'user-42', userHash: 'ab'.repeat(32) });
  });

  it('ignores other authorization schemes', () => {
    const request = requestFromEvent(httpEvent('GET /widget/v1/conversations', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    expect(visitorCredentialsOf(request)).toEqual({});
  });
});

describe('authenticateWidgetCaller', () => {
  const visitor = { accountId: 'A', inboxId: 'I', contactId: 'C' };
  const authenticate = makeAuthenticateWidgetCaller(() => async (credentials) => {
    if (credentials.visitorToken !== 'good') throw Object.assign(new Error('no'), { name: 'VisitorUnauthorizedError' });
    return visitor;
  });
  const request = (headers: Record<string, string> = {}) => requestFromEvent(httpEvent('GET /widget/v1/conversations', { headers }));

  it('lets anyone call public routes without checking credentials', async () => {
    expect(await authenticate(request(), 'public')).toEqual({ kind: 'public' });
  });

  it('turns a valid visitor token into a visitor caller, and refuses a bad one', async () => {
    expect(await authenticate(request({ authorization: 'Bearer good' }), 'visitor')).toEqual({ kind: 'visitor', ...visitor });
    await expect(authenticate(request({ authorization: 'Bearer bad' }), 'visitor')).rejects.toMatchObject({ name: 'VisitorUnauthorizedError' });
  });

  it('never serves agent routes', async () => {
    await expect(authenticate(request({ authorization: 'Bearer good' }), 'agent')).rejects.toMatchObject({ status: 403 });
  });
});

describe('widget views', () => {
  it('give the customer no internal field of a conversation', () => {
    const view = publicConversation({ id: 'c', status: 'open', seq: 3, lastActivityAt: 't1', createdAt: 't0', accountId: 'A', assigneeId: 'agent', priority: 'high' } as never);
    expect(view).toEqual({ id: 'c', status: 'open', seq: 3, lastActivityAt: 't1', createdAt: 't0' });
  });

  it("strip attachment object keys and echo the client message id only on the visitor's own messages", () => {
    const base = { id: 'm', conversationId: 'c', seq: 1, type: 'incoming', status: 'delivered', body: 'hi', createdAt: 't', clientMessageId: 'c-1' };
    const own = publicMessage({ ...base, authorType: 'contact', attachments: [{ id: 'a', fileName: 'f.png', contentType: 'image/png', size: 5, objectKey: 'accounts/A/x' } as never] });
    const reply = publicMessage({ ...base, type: 'outgoing', authorType: 'agent', authorId: 'agent-1', accountId: 'A' } as never);
    expect(own).toEqual({ ...base, authorType: 'contact', attachments: [{ id: 'a', fileName: 'f.png', contentType: 'image/png', size: 5 }] });
    expect(reply).not.toHaveProperty('clientMessageId');
    expect(reply).not.toHaveProperty('authorId');
    expect(reply).not.toHaveProperty('accountId');
  });
});
