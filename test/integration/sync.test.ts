import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandMigrationSql } from '../../main/db/migrate';
import { insertSynced, updateSynced, tombstoneSynced, registerSyncedTable, registeredSyncedTables, type WriteContext } from '../../main/db/sync';
import { parseVersion } from '../../shared/versionVector';
import { listAudit } from '../../main/services/audit/audit';
import { makeApp, setupOffice, type TestApp } from '../helpers/app';

/** The row conventions every synchronised table gets, proven on a table made only for this test. */
describe('synchronised row conventions', () => {
  let t: TestApp;
  let ctx: WriteContext;
  beforeEach(async () => {
    t = makeApp();
    const admin = await setupOffice(t);
    t.app.db.exec(expandMigrationSql('CREATE TABLE demo_people ({{SYNC_COLUMNS}}, name TEXT NOT NULL, phone TEXT);'));
    const office = t.app.db.prepare('SELECT id FROM office').get() as { id: string };
    ctx = { actor: { userId: admin.userId, username: 'admin' }, officeId: office.id, at: t.clock.now().toISOString() };
  });
  afterEach(() => t.close());

  const row = (id: string) => t.app.db.prepare('SELECT * FROM demo_people WHERE id = ?').get(id) as Record<string, string | null>;

  it('inserts with a UUIDv7 id, timestamps, origin office, a first version and an audit entry', () => {
    const id = t.app.db.transaction(() => insertSynced(t.app.db, ctx, 'demo_people', { name: '张三', phone: '13800000000' }))();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const r = row(id);
    expect(r).toMatchObject({ name: '张三', created_at: ctx.at, updated_at: ctx.at, origin_office: ctx.officeId, deleted_at: null });
    expect(parseVersion(r['version'] as string)).toEqual({ [ctx.officeId]: 1 });
    const audit = listAudit(t.app.db, { entity: 'demo_people', entityId: id, limit: 10, offset: 0 });
    expect(audit.entries[0]).toMatchObject({ action: 'create', changes: { name: '张三' } });
  });

  it('updates only what changed, bumps the version, and records before/after', () => {
    const id = insertSynced(t.app.db, ctx, 'demo_people', { name: '张三', phone: '1' });
    const later = { ...ctx, at: '2026-11-28T00:00:00.000Z' };
    expect(updateSynced(t.app.db, later, 'demo_people', id, { name: '张三', phone: '2' })).toEqual({ changed: true });
    expect(updateSynced(t.app.db, later, 'demo_people', id, { name: '张三' })).toEqual({ changed: false });
    const r = row(id);
    expect(parseVersion(r['version'] as string)).toEqual({ [ctx.officeId]: 2 });
    expect(r['updated_at']).toBe(later.at);
    const audit = listAudit(t.app.db, { entity: 'demo_people', entityId: id, limit: 10, offset: 0 });
    expect(audit.entries).toHaveLength(2);
    expect(audit.entries[0]).toMatchObject({ action: 'update', changes: { phone: ['1', '2'] } });
  });

  it('deletes as a tombstone that keeps the row and bumps the version', () => {
    const id = insertSynced(t.app.db, ctx, 'demo_people', { name: '李四' });
    tombstoneSynced(t.app.db, ctx, 'demo_people', id);
    const r = row(id);
    expect(r['deleted_at']).toBe(ctx.at);
    expect(parseVersion(r['version'] as string)).toEqual({ [ctx.officeId]: 2 });
    expect(() => updateSynced(t.app.db, ctx, 'demo_people', id, { name: 'x' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => tombstoneSynced(t.app.db, ctx, 'demo_people', id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('refuses unknown columns and hand-written sync metadata', () => {
    expect(() => insertSynced(t.app.db, ctx, 'demo_people', { name: 'x', 'name; DROP TABLE users': 'y' })).toThrow(/unknown column/);
    expect(() => insertSynced(t.app.db, ctx, 'demo_people', { name: 'x', version: '{}' })).toThrow(/managed by sync/);
    expect(() => insertSynced(t.app.db, ctx, 'users', { username: 'x' })).toThrow(/lacks sync column/);
  });

  it('keeps one list of synchronised tables: a table registered again is listed once, a bad name is refused', () => {
    // Not demo_people: the list belongs to the process, and the packet tests of the worker's next
    // files would export a table their offices do not have.
    const listed = registeredSyncedTables();
    expect(listed).toContain('persons');
    registerSyncedTable('persons');
    expect(registeredSyncedTables()).toEqual(listed);
    expect(() => registerSyncedTable('bad name')).toThrow();
  });
});
