import type { Messages } from '../en';
import type { pairsZh } from './pairs.zh-CN';

export const pairsEn: Messages<typeof pairsZh> = {
  section: {},
  errors: {
    PAIR_ALREADY_ENDED: 'This pair already ended on {{date}}; it can no longer be changed or have contacts added. To continue helping, create a new pair.',
  },
  validation: {},
};
