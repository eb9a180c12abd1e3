import type { Role } from '../../../shared/roles';
import { sectionsFor } from '../../sections';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * What a role may do, as the user dialogs explain it: the role's rule in one sentence, then the
 * work sections it opens, read from the menu itself so the text stays true as sections are added.
 */
export function roleSummary(role: Role, t: Translate): string {
  const sections = sectionsFor(role)
    .filter((s) => s.group === 'work' && s.id !== 'home')
    .map((s) => t(`nav.${s.id}`));
  return `${t(`users.roleHelp.${role}`)}${t('users.roleSections', { sections: sections.join(t('users.sectionSeparator')) })}`;
}
