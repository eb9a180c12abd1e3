import type { Messages } from '../en';
import type { partyZh } from './party.zh-CN';

export const partyEn: Messages<typeof partyZh> = {
  section: {},
  errors: {
    BRANCH_NAME_TAKEN: 'A party organisation with this name already exists ({{name}}). Please choose another name.',
    BRANCH_HAS_MEMBERS: 'This party organisation still has {{count}} members and cannot be deleted. Move the members to another organisation first.',
    NOT_A_PARTY_MEMBER: '{{name}} is not recorded as a CPC member in the registry, so they cannot join a party organisation. If the record is wrong, correct the political status first.',
    ALREADY_A_MEMBER: '{{name}} is already a member of {{branch}}. To change organisation, use “Move to another branch”.',
    DUES_ALREADY_RECORDED: 'Party dues of {{name}} for {{month}} are already recorded. To correct them, edit that record.',
  },
  validation: {},
};
