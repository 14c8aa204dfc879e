/**
 * The chat frame's HTTP client for the widget API (same origin as the frame, so no CORS).
 * Every call carries the visitor token, and for verified users the identity headers, which the
 * API checks on every request.
 */
import type { Identity } from '../protocol.js';
import type { ChatMessage } from './message-store.js';

/** An error answer of the API (`{ error: { code, message } }`), or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** What the chat window shows before anyone types. */
export interface WidgetConfig {
  readonly inboxName: string;
  readonly accountName: string;
  readonly greeting: string;
  readonly online: boolean;
  readonly offlineMessage: string;
  readonly replyTime: string;
  readonly allowedDomains: readonly string[];
}

/** A conversation as the widget sees it. */
export interface PublicConversation {
  readonly id: string;
  readonly status: string;
  readonly seq: number;
  readonly lastActivityAt: string;
}

/** Credentials of the current session. */
export interface Credentials {
  visitorToken?: string;
  identity?: Identity;
}

async function call<T>(method: string, path: string, credentials: Credentials | undefined, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (credentials?.visitorToken) headers.authorization = `Bearer ${credentials.visitorToken}`;
  if (credentials?.identity) {
    headers['x-switchboard-user-id'] = credentials.identity.userId;
    headers['x-switchboard-user-hash'] = credentials.identity.userHash;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'network', 'You seem to be offline. We will retry.');
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? 'error', json?.error?.message ?? `Request failed (${response.status}).`);
  return json as T;
}

/** The widget API, bound to a widget token and the session's credentials. */
export function widgetApi(widgetToken: string, credentials: Credentials) {
  const base = '/widget/v1';
  return {
    config: () => call<WidgetConfig>('GET', `${base}/config?token=${encodeURIComponent(widgetToken)}`, undefined),
    startSession: (input: { visitorToken?: string; identity?: Identity }) =>
      call<{ visitorToken: string; contactId: string; verified: boolean }>('POST', `${base}/sessions`, undefined, {
        widgetToken,
        ...(input.visitorToken ? { visitorToken: input.visitorToken } : {}),
        ...(input.identity ? { userId: input.identity.userId, userHash: input.identity.userHash } : {}),
        ...(input.identity?.name ? { name: input.identity.name } : {}),
        ...(input.identity?.email ? { email: input.identity.email } : {}),
      }),
    conversations: () => call<{ items: PublicConversation[] }>('GET', `${base}/conversations`, credentials),
    startConversation: (body: string, clientMessageId: string, attachmentIds?: readonly string[]) =>
      call<{ conversation: PublicConversation; message: ChatMessage }>('POST', `${base}/conversations`, credentials, {
        body, clientMessageId, ...(attachmentIds?.length ? { attachmentIds } : {}),
      }),
    messages: (conversationId: string, query: { afterSeq?: number; cursor?: string; limit?: number }) => {
      const params = new URLSearchParams();
      if (query.afterSeq !== undefined) params.set('afterSeq', String(query.afterSeq));
      if (query.cursor) params.set('cursor', query.cursor);
      if (query.limit) params.set('limit', String(query.limit));
      return call<{ items: ChatMessage[]; nextCursor?: string }>('GET', `${base}/conversations/${conversationId}/messages?${params}`, credentials);
    },
    send: (conversationId: string, body: string, clientMessageId: string, attachmentIds?: readonly string[]) =>
      call<ChatMessage>('POST', `${base}/conversations/${conversationId}/messages`, credentials, {
        body, clientMessageId, ...(attachmentIds?.length ? { attachmentIds } : {}),
      }),
    markRead: (conversationId: string) => call<void>('POST', `${base}/conversations/${conversationId}/read`, credentials),
    createUpload: (file: { fileName: string; contentType: string; size: number }) =>
      call<{ attachmentId: string; uploadUrl: string; uploadHeaders: Record<string, string>; expiresAt: string }>('POST', `${base}/attachments`, credentials, file),
    ticket: () => call<{ ticket: string; url: string }>('POST', `${base}/realtime/ticket`, credentials),
  };
}

/** The API of one session. */
export type WidgetApi = ReturnType<typeof widgetApi>;

/** PUTs a file to a presigned URL, reporting progress (0–1). */
export function uploadFile(url: string, headers: Readonly<Record<string, string>>, file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new ApiError(xhr.status, 'upload_failed', 'The upload failed. Please try again.')));
    xhr.onerror = () => reject(new ApiError(0, 'upload_failed', 'The upload failed. Check your connection and try again.'));
    xhr.send(file);
  });
}
