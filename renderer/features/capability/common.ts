/** What the capability views share: query keys, labels of grades and items in the reader's language. */
import i18n from '../../i18n';
import { GBT42195_DIMENSIONS, type CapabilityGrade } from '../../../shared/capability/gbt42195';

export const capabilityKeys = {
  /** Under ['persons'], so every write that refreshes a person's views refreshes these too. */
  person: (personId: string) => ['persons', 'capability', personId] as const,
  one: (id: string) => ['persons', 'capability', 'one', id] as const,
};

export const GRADE_COLOURS: Record<CapabilityGrade, 'success' | 'info' | 'warning' | 'error'> = {
  intact: 'success',
  mild: 'info',
  moderate: 'warning',
  severe: 'error',
  complete: 'error',
};

export function gradeLabel(grade: CapabilityGrade | 'unassessed' | null | undefined): string {
  return grade ? i18n.t(`capability.grades.${grade}`) : '';
}

/** Chinese readers see the standard's names; others the English ones beside the item number. */
export function itemName(item: { name: string; nameEn: string }): string {
  return i18n.language.startsWith('zh') ? item.name : item.nameEn;
}

export function dimensionName(d: (typeof GBT42195_DIMENSIONS)[number]): string {
  return i18n.language.startsWith('zh') ? d.name : d.nameEn;
}

/** The print layout's route: #/print/capability/<id>. */
export function capabilityPrintHash(id: string, auto: 'print' | 'pdf' | 'none' = 'none'): string {
  return `#/print/capability/${encodeURIComponent(id)}${auto === 'none' ? '' : `?auto=${auto}`}`;
}
