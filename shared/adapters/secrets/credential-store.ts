/**
 * Inbox credential stores — layer: adapters.
 *
 * AWS: one Secrets Manager secret per inbox, `<prefix>/inbox/<accountId>/<inboxId>` (the
 * functions' IAM grants cover `<prefix>/inbox/*` only). Laptop: an AES-256-GCM encrypted item
 * per inbox in the table (AP-68), under the key ring's `inbox-credentials` key; the plaintext
 * names its account and inbox, so an item copied onto another inbox does not decrypt as valid.
 * Both cache reads for five minutes per process (webhooks verify a signature on every call).
 */
import {
  CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, ResourceExistsException, ResourceNotFoundException, SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CredentialStore, InboxCredentials } from '../../ports/channels.js';
import type { KeyRing } from '../../ports/key-ring.js';
import { awsClientOptions } from '../aws-client-options.js';
import { entityNames, inboxCredentialsKey } from '../dynamodb/keys.js';
import type { TableContext } from '../dynamodb/table-context.js';

/** The key ring purpose of the laptop store. */
export const credentialsKeyPurpose = 'inbox-credentials';

const cacheMs = 5 * 60 * 1000;

function parseCredentials(json: string, accountId: string, inboxId: string): InboxCredentials | undefined {
  const parsed = JSON.parse(json) as { accountId?: unknown; inboxId?: unknown; credentials?: InboxCredentials };
  if (parsed.accountId !== accountId || parsed.inboxId !== inboxId || !parsed.credentials) return undefined;
  return parsed.credentials;
}

function cached(store: CredentialStore): CredentialStore {
  const cache = new Map<string, { value: InboxCredentials | undefined; until: number }>();
  return {
    async put(accountId, inboxId, credentials) {
      await store.put(accountId, inboxId, credentials);
      cache.set(`${accountId}/${inboxId}`, { value: credentials, until: Date.now() + cacheMs });
    },
    async get(accountId, inboxId) {
      const key = `${accountId}/${inboxId}`;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = await store.get(accountId, inboxId);
      // Only found credentials are cached: a newly created inbox must not stay unknown for minutes.
      if (value) cache.set(key, { value, until: Date.now() + cacheMs });
      return value;
    },
  };
}

/** The laptop's store: encrypted items in the table. */
export function makeTableCredentialStore(ctx: TableContext, keys: KeyRing): CredentialStore {
  return cached({
    async put(accountId, inboxId, credentials) {
      const ciphertext = await keys.encrypt(credentialsKeyPurpose, JSON.stringify({ accountId, inboxId, credentials }));
      // Unconditional: the inbox's admin replaces its credentials; last writer wins.
      await ctx.client.send(new PutCommand({ TableName: ctx.tableName, Item: { ...inboxCredentialsKey(accountId, inboxId), entity: entityNames.inboxCredentials, ciphertext } }));
    },
    async get(accountId, inboxId) {
      const { Item: item } = await ctx.client.send(new GetCommand({ TableName: ctx.tableName, Key: inboxCredentialsKey(accountId, inboxId) }));
      if (!item || typeof item.ciphertext !== 'string') return undefined;
      return parseCredentials(await keys.decrypt(credentialsKeyPurpose, item.ciphertext), accountId, inboxId);
    },
  });
}

/** The name of an inbox's secret. */
export function inboxSecretName(prefix: string, accountId: string, inboxId: string): string {
  if (!/^[A-Za-z0-9]+$/.test(accountId) || !/^[A-Za-z0-9]+$/.test(inboxId)) throw new RangeError('account and inbox ids must be alphanumeric');
  return `${prefix}/inbox/${accountId}/${inboxId}`;
}

/** The AWS store: one Secrets Manager secret per inbox. */
export function makeSecretsManagerCredentialStore(options: { region: string; prefix: string }): CredentialStore {
  const client = new SecretsManagerClient(awsClientOptions({ region: options.region, local: false }));
  return cached({
    async put(accountId, inboxId, credentials) {
      const name = inboxSecretName(options.prefix, accountId, inboxId);
      const value = JSON.stringify({ accountId, inboxId, credentials });
      try {
        await client.send(new CreateSecretCommand({ Name: name, SecretString: value, Description: `Switchboard inbox ${inboxId} channel credentials` }));
      } catch (error) {
        if (!(error instanceof ResourceExistsException)) throw error;
        await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
      }
    },
    async get(accountId, inboxId) {
      try {
        const answer = await client.send(new GetSecretValueCommand({ SecretId: inboxSecretName(options.prefix, accountId, inboxId) }));
        return answer.SecretString ? parseCredentials(answer.SecretString, accountId, inboxId) : undefined;
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    },
  });
}
