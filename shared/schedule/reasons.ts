/** Why a visit is planned. Apart from the engine so schemas (and the renderer) need no calendar code. */
export const VISIT_REASONS = ['routine', 'spring_festival', 'chongyang', 'party_day', 'birthday', 'hospitalisation', 'condolence', 'assessment'] as const;
export type VisitReason = (typeof VISIT_REASONS)[number];
