import { describe, expect, it } from 'vitest';
import { mergeNotifications, upsertSource } from '../../../../web/dashboard/src/lib/ai-lists.js';

function source(id: string, version: number, updatedAt: string, createdAt = '2026-12-01T10:00:00.000Z') {
  return { id, version, createdAt, updatedAt, status: `v${version}@${updatedAt.slice(11, 16)}` };
}

describe('upsertSource', () => {
  it('adds a new source, newest first', () => {
    // Prepare
    const older = source('a', 1, '2026-12-01T10:00:00.000Z', '2026-12-01T09:00:00.000Z');
    // Act
    const list = upsertSource([older], source('b', 1, '2026-12-01T10:05:00.000Z', '2026-12-01T10:05:00.000Z'));
    // Assess
    expect(list.map((s) => s.id)).toEqual(['b', 'a']);
  });

  it('replaces a source with a newer write of the same version (indexing progress)', () => {
    // Act
    const list = upsertSource([source('a', 2, '2026-12-01T10:00:00.000Z')], source('a', 2, '2026-12-01T10:00:05.000Z'));
    // Assess
    expect(list).toHaveLength(1);
    expect(list[0]!.updatedAt).toBe('2026-12-01T10:00:05.000Z');
  });

  it('ignores a late event of an older version or an earlier write', () => {
    // Prepare
    const current = [source('a', 3, '2026-12-01T10:10:00.000Z')];
    // Act
    const afterOldVersion = upsertSource(current, source('a', 2, '2026-12-01T10:20:00.000Z'));
    const afterEarlierWrite = upsertSource(current, source('a', 3, '2026-12-01T10:05:00.000Z'));
    // Assess
    expect(afterOldVersion).toBe(current);
    expect(afterEarlierWrite).toBe(current);
  });
});

describe('mergeNotifications', () => {
  it('merges by id, newest first, and keeps a notification read once read here', () => {
    // Prepare
    const read: { id: string; createdAt: string; readAt?: string } = { id: 'n1', createdAt: '2026-12-01T09:00:00.000Z', readAt: '2026-12-01T09:30:00.000Z' };
    // Act
    const merged = mergeNotifications<{ id: string; createdAt: string; readAt?: string }>([read], [{ id: 'n1', createdAt: read.createdAt }, { id: 'n2', createdAt: '2026-12-01T10:00:00.000Z' }]);
    // Assess
    expect(merged.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(merged[1]!.readAt).toBe(read.readAt);
  });

  it('keeps at most the newest `max`', () => {
    // Prepare
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, createdAt: `2026-12-01T10:0${i}:00.000Z` }));
    // Act
    const merged = mergeNotifications([], many, 3);
    // Assess
    expect(merged.map((n) => n.id)).toEqual(['n4', 'n3', 'n2']);
  });
});
