import type { Messages } from '../en';
import type { assignmentsZh } from './assignments.zh-CN';

/**
 * Texts of contact assignments (分片包干), English: `contacts` (who is responsible for a person) and
 * `transfer` (moving a worker's persons to another) are top-level namespaces; `validation` is merged
 * into the app's `validation.<key>`. assignments.zh-CN.ts must have exactly the same keys.
 */
export const assignmentsEn: Messages<typeof assignmentsZh> = {
  contacts: {
    role: 'Contact type',
    user: 'Responsible',
    userHelp: 'A staff member or grid worker',
    reason: 'Reason',
    reasonHelp: 'For example: assigned by grid, change of duties (optional)',
    assign: 'Assign',
    change: 'Change',
    end: 'End',
    since: 'Responsible since {{date}}',
    nonePrimary: 'No primary contact yet',
    noneBackup: 'No backup contact',
    assignTitle: 'Name who is responsible for {{name}}',
    currentHolder: 'Current {{role}}: {{name}}. When you name someone else, the current record ends and stays in the history.',
    assigned: '{{role}} of {{name}} saved.',
    endTitle: 'End the {{role}} of {{name}}?',
    endBody: 'Afterwards the person has no contact of this type for now. The record stays in the history.',
    ended: 'The contact was ended.',
  },
  transfer: {
    title: 'Hand over a caseload',
    intro: 'When a staff member or grid worker leaves, hand everything they are responsible for (persons, open visits, open service requests, grids) to someone else in one step. Look at the preview first, then confirm.',
    from: 'Who is leaving',
    fromHelp: 'Only users responsible for persons or grids are listed',
    fromOption: '{{name}} (primary for {{primary}}, backup for {{backup}})',
    disabledSuffix: ' (disabled)',
    to: 'Hand over to',
    preview: 'Preview what moves',
    previewTitle: 'From {{from}} to {{to}}:',
    counts: {
      persons: 'Persons: {{count}}',
      visits: 'Open visits: {{count}}',
      requests: 'Service requests: {{count}}',
      grids: 'Grids: {{count}}',
    },
    personsTable: 'Persons to hand over',
    note: 'Note',
    replacesOtherRole: 'The receiver was the backup contact and takes this role instead',
    gridsLine: 'The receiver becomes grid worker of: {{grids}}',
    requestsLine: 'Service requests: {{list}}',
    nothing: '{{name}} is not responsible for any person, grid or service request: there is nothing to hand over.',
    reasonHelp: 'For example: transferred (optional)',
    apply: 'Hand over ({{count}}) to {{to}}',
    done: 'Handed over from {{from}} to {{to}}: {{count}}.',
  },
  validation: {
    assignment: {
      userUnavailable: 'This user cannot be a contact (the account does not exist, is disabled, or is read-only).',
      sameUserBothRoles: 'The same person cannot be both the primary and the backup contact.',
      sameUser: 'Choose someone other than the person handing over.',
    },
  },
};
