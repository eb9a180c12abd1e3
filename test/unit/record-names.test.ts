/**
 * Every kind of record a packet carries or the audit log names has a name for people, in Chinese and
 * English: the export result, the import preview and the log never show units, party_branches ….
 */
import { describe, expect, it } from 'vitest';
import '../../main/handlers';
import { registeredSyncedTables } from '../../main/db/sync';
import areasZh from '../../renderer/i18n/areas.zh-CN';
import en from '../../renderer/i18n/en';

const tablesOf = (tree: unknown): Record<string, string> => (tree as { packets: { tables: Record<string, string> } }).packets.tables;

describe('names of records', () => {
  it('names every synchronised table in both languages', () => {
    const tables = registeredSyncedTables();
    expect(tables).toEqual(expect.arrayContaining(['units', 'party_branches', 'party_memberships', 'party_dues']));
    for (const table of tables) {
      expect(tablesOf(areasZh)[table], table).toMatch(/[\u4e00-\u9fff]/);
      expect(tablesOf(en)[table], table).toBeTruthy();
    }
  });
});
