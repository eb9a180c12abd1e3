/**
 * Codes of the registry that other schemas share. They live apart from person.ts so the schemas of
 * visits, assignments and requests can use them while person.ts uses those schemas (no import cycle).
 */
export const GENDERS = ['male', 'female'] as const;
export const LIVING_SITUATIONS = ['alone', 'empty_nest', 'with_children', 'institution', 'other'] as const;
export const PERSON_STATUSES = ['active', 'moved_out', 'deceased'] as const; // 在册 迁出 去世
