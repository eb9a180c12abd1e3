import type { Messages } from '../en';
import type { requestsZh } from './requests.zh-CN';

export const requestsEn: Messages<typeof requestsZh> = {
  section: {
    title: 'Service requests',
    create: 'New service request',
    createTitle: 'New service request',
    createFor: 'New service request for {{name}}',
    editTitle: 'Change the service request of {{name}}',
    person: 'Person',
    personHelp: 'Type a name, pinyin initials or a phone number',
    noPersonFound: 'Nobody found',
    category: 'Category',
    description: 'What is needed',
    descriptionHelp: 'Say clearly what help is needed',
    assignee: 'Handled by',
    assigneeHelp: 'Who takes care of it (can be decided later)',
    unassigned: 'Not assigned',
    raisedOn: 'Raised on',
    status: 'Status',
    activeStatuses: 'Not finished',
    resolution: 'Outcome',
    resolvedOn: 'Finished on',
    declineReason: 'Why it is declined',
    resolutionHelp: 'Required: what was done, or why it cannot be done',
    progressHelp: 'Optional: progress so far',
    edit: 'Change',
    handle: 'Handle',
    statusTitle: 'Handle the service request of {{name}}',
    statusSaved: 'The service request of {{name}} is now "{{status}}".',
    created: 'Service request "{{category}}" created for {{name}}.',
    updated: 'Service request saved.',
    empty: 'No service requests match.',
  },
  errors: {
    REQUEST_PERSON_MOVED_OUT: 'This person has moved out of the community, so no new service request can be raised for them here. Pass the need on to the community they moved to.',
  },
  validation: {
    request: {
      resolutionRequired: 'Enter what was done, or why the request was declined.',
    },
  },
};
