import { describe, expect, it } from 'vitest';
import { KEY_KIND, nameReadings, namePinyin, nameSearchKeys, SURNAME_READINGS } from '../../main/services/persons/pinyin';

/** The whole-name readings a name is found by: its own full reading and initials, then its other ones. */
function starts(name: string): string[] {
  const own = namePinyin(name);
  const other = nameSearchKeys(name)
    .filter((k) => k.startsWith(KEY_KIND.OTHER_START))
    .map((k) => k.slice(1));
  return [own.full, own.initials, ...other];
}

/** What a name is found by from its second character on (3+ letters typed). */
function inner(name: string): string[] {
  return nameSearchKeys(name)
    .filter((k) => k.startsWith(KEY_KIND.INNER) || k.startsWith(KEY_KIND.OTHER_INNER))
    .map((k) => k.slice(1));
}

describe('name readings', () => {
  // Names with polyphonic characters, and every reading a clerk might type for them.
  const cases: [name: string, own: string, alsoFoundBy: string[]][] = [
    ['高重阳', 'gaozhongyang', ['gaochongyang', 'gzy', 'gcy']],
    ['单德明', 'shandeming', ['dandeming', 'ddm', 'sdm', 'chandeming']],
    ['曾国藩', 'zengguofan', ['cengguofan', 'cgf']],
    ['解缙', 'xiejin', ['jiejin', 'jj']],
    ['查良镛', 'zhaliangyong', ['chaliangyong', 'cly']],
    ['仇英', 'qiuying', ['chouying', 'cy']],
    ['朴树', 'piaoshu', ['pushu', 'poshu']],
    ['区志明', 'ouzhiming', ['quzhiming', 'qzm']],
    ['乐嘉', 'yuejia', ['lejia', 'yaojia']],
    ['李长江', 'lichangjiang', ['lizhangjiang', 'lzj']],
    ['石强', 'shiqiang', ['shijiang', 'danqiang']],
    ['尉迟恭', 'yuchigong', ['weichigong']],
    ['万俟卨', 'moqixie', ['wanqixie', 'wansixie']],
  ];

  it.each(cases)('%s reads as %s first and is found by its other readings', (name, own, also) => {
    expect(namePinyin(name).full).toBe(own);
    expect(starts(name)[0]).toBe(own);
    for (const reading of also) expect(starts(name)).toContain(reading);
  });

  it('finds a name from any character on, by every reading of it', () => {
    expect(inner('高重阳')).toEqual(expect.arrayContaining(['zhongyang', 'chongyang', 'yang']));
    expect(inner('张三丰')).toEqual(['sanfeng', 'feng']);
    expect(inner('李长江')).toEqual(expect.arrayContaining(['changjiang', 'zhangjiang', 'jiang']));
  });

  it('keeps a name without polyphonic characters to its own reading', () => {
    expect(nameSearchKeys('张三丰').every((k) => k.startsWith(KEY_KIND.INNER))).toBe(true);
    expect(nameSearchKeys('王')).toEqual([]);
  });

  it('lists the surname reading first for each character', () => {
    expect(nameReadings('单德明')[0]?.[0]).toBe('shan');
    expect(nameReadings('高重阳')[1]).toEqual(expect.arrayContaining(['zhong', 'chong']));
    expect(nameReadings('吕布')).toEqual([['lv'], ['bu']]);
    expect(nameReadings('阿依古丽·买买提')).toHaveLength(7);
  });

  it('does not multiply without bound: a long name of polyphonic characters keeps at most 16 whole readings', () => {
    const keys = nameSearchKeys('长孙乐乐乐乐');
    expect(keys.filter((k) => k.startsWith(KEY_KIND.OTHER_START)).length).toBeLessThanOrEqual(2 * 15);
  });
});

describe('surname exceptions (where pinyin-pro surname mode is wrong)', () => {
  const table: [name: string, full: string, initials: string][] = [
    ['秘书文', 'bishuwen', 'bsw'],
    ['种师道', 'chongshidao', 'csd'],
    ['重耳', 'chonger', 'ce'],
    ['藏天朔', 'zangtianshuo', 'zts'],
    ['祭仲', 'zhaizhong', 'zz'],
    ['角里明', 'jueliming', 'jlm'],
    ['晟明', 'chengming', 'cm'],
    ['单于夫罗', 'chanyufuluo', 'cyfl'],
  ];

  it.each(table)('%s reads as %s', (name, full, initials) => {
    expect(namePinyin(name)).toEqual({ full, initials });
  });

  it('covers exactly the table, and the library reading stays findable', () => {
    expect([...SURNAME_READINGS.keys()].sort()).toEqual(['单于', '秘', '种', '重', '藏', '祭', '角', '晟'].sort());
    expect(starts('秘书文')).toContain('mishuwen');
    expect(starts('重耳')).toContain('zhonger');
    expect(starts('单于夫罗')).toContain('shanyufuluo');
  });

  it('applies only to the surname: the same character inside a name keeps its reading', () => {
    expect(namePinyin('高重阳').full).toBe('gaozhongyang');
    expect(namePinyin('李秘').full).toBe('limi');
    // A name that is only the character is not read as a surname by the table.
    expect(namePinyin('重').full).toBe('zhong');
  });
});
