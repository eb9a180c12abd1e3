// The role texts of the user dialogs name the sections each role really opens, so they stay true
// as sections are added (统计 once it existed; never a section the role cannot open).
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import zhCN from '../../renderer/i18n/zh-CN';
import { usersZh } from '../../renderer/i18n/areas/users.zh-CN';
import { roleSummary } from '../../renderer/features/users/roleSummary';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: { ...zhCN, users: usersZh.section } } }, interpolation: { escapeValue: false } });
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options ?? {});

describe('role texts', () => {
  it('name the sections each role opens, and no other', () => {
    expect(roleSummary('viewer', t)).toBe(
      '只读用户：可以查看全社区的记录，不能修改。可以打开：档案、网格与联系、走访、党组织、学习活动、志愿服务、结对帮扶、来电来访、原工作单位、统计。',
    );
    expect(roleSummary('staff', t)).toContain('数据包、统计');
    const grid = roleSummary('gridworker', t);
    expect(grid).toContain('可以打开：档案、网格与联系、走访。');
    expect(grid).not.toContain('统计');
  });
});
