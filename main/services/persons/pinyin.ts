import { pinyin } from 'pinyin-pro';

/**
 * Full pinyin and initials of a name for search: 张三 → zhangsan, zs. Surname mode reads the
 * family name as a surname (单 shan, 曾 zeng), which is how people say it.
 */
export function namePinyin(name: string): { full: string; initials: string } {
  const clean = name.replace(/[·\s]/g, '');
  const full = pinyin(clean, { toneType: 'none', type: 'array', surname: 'head', v: true }).join('').toLowerCase();
  const initials = pinyin(clean, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' }).join('').toLowerCase();
  return { full: full.replace(/[^a-z]/g, ''), initials: initials.replace(/[^a-z]/g, '') };
}
