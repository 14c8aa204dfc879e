// In-memory ports for the knowledge services' unit tests (the H3 knowledge area).
import type { KnowledgeSource } from '../../shared/domain/knowledge.js';
import type { FileStorage } from '../../shared/ports/file-storage.js';
import type { KnowledgeJob } from '../../shared/ports/job-queue.js';
import type { KnowledgeSourceRepository } from '../../shared/ports/knowledge.js';
import type { Clock, Ids } from '../../shared/ports/system.js';

/** A knowledge source repository over a Map, with the same version conditions as the table's. */
export function memoryKnowledgeSources(): KnowledgeSourceRepository & { items: Map<string, KnowledgeSource> } {
  const items = new Map<string, KnowledgeSource>();
  const key = (accountId: string, sourceId: string): string => `${accountId}|${sourceId}`;
  return {
    items,
    async create(source) {
      const existing = items.get(key(source.accountId, source.id));
      if (existing && JSON.stringify(existing) !== JSON.stringify(source)) throw new Error('exists');
      items.set(key(source.accountId, source.id), source);
    },
    async get(accountId, sourceId) {
      return items.get(key(accountId, sourceId));
    },
    async list(accountId) {
      return [...items.values()].filter((s) => s.accountId === accountId).sort((a, b) => (a.id < b.id ? 1 : -1));
    },
    async replaceVersion(source, expectedVersion) {
      const current = items.get(key(source.accountId, source.id));
      if (!current || current.version !== expectedVersion) return false;
      items.set(key(source.accountId, source.id), source);
      return true;
    },
    async updateIndexing(accountId, sourceId, version, changes) {
      const current = items.get(key(accountId, sourceId));
      if (!current || current.version !== version) return undefined;
      const next: Record<string, unknown> = { ...current, status: changes.status, updatedAt: changes.at };
      for (const field of ['progress', 'error', 'chunkCount', 'indexedAt'] as const) {
        const value = changes[field];
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      items.set(key(accountId, sourceId), next as unknown as KnowledgeSource);
      return next as unknown as KnowledgeSource;
    },
    async delete(accountId, sourceId) {
      const current = items.get(key(accountId, sourceId));
      items.delete(key(accountId, sourceId));
      return current;
    },
  };
}

/** A bucket over a Map. */
export function memoryObjectStorage(): FileStorage & { objects: Map<string, Uint8Array> } {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    async presignUpload() { throw new Error('the knowledge tests presign nothing'); },
    async presignDownload() { throw new Error('the knowledge tests presign nothing'); },
    async putObject({ objectKey, body }) { objects.set(objectKey, body); },
    async getObject(objectKey) { return objects.get(objectKey); },
    async deleteObjects(prefix) {
      for (const k of [...objects.keys()]) if (k.startsWith(prefix)) objects.delete(k);
    },
  };
}

/** A knowledge queue that records jobs (and can be down). */
export function recordingKnowledgeQueue(): { enqueueKnowledgeJob(job: KnowledgeJob): Promise<void>; jobs: KnowledgeJob[]; down: boolean } {
  const queue = {
    jobs: [] as KnowledgeJob[],
    down: false,
    async enqueueKnowledgeJob(job: KnowledgeJob) {
      if (queue.down) throw new Error('queue down');
      queue.jobs.push(job);
    },
  };
  return queue;
}

/** A clock that moves one second per read, and ULID-shaped increasing ids. */
export function steppingClockAndIds(): { clock: Clock; ids: Ids } {
  let ms = Date.parse('2026-12-01T10:00:00.000Z');
  let n = 0;
  return {
    clock: { nowMs: () => (ms += 1000), nowIso: () => new Date((ms += 1000)).toISOString() },
    ids: {
      next: () => `01KNOWLEDGE${String((n += 1)).padStart(15, '0')}`,
      secretToken: () => `token-${(n += 1)}`,
    },
  };
}
