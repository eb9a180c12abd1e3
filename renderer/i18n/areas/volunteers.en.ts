import type { Messages } from '../en';
import type { volunteersZh } from './volunteers.zh-CN';

export const volunteersEn: Messages<typeof volunteersZh> = {
  section: {},
  errors: {
    TEAM_NAME_TAKEN: 'A service team with this name already exists ({{name}}). Please choose another name.',
    ALREADY_IN_TEAM: '{{name}} is already a member of this team.',
  },
  validation: {},
};
