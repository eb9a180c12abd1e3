/**
 * A person's part in the community's organised life: party membership and branch life,
 * activities they signed up for or attended, volunteer service, and assistance pairs. Each
 * capability owns its section; this tab only stacks them.
 */
import Stack from '@mui/material/Stack';
import Divider from '@mui/material/Divider';
import { PersonPartySection } from '../../party';
import { PersonActivitiesSection } from '../../activities';
import { PersonVolunteersSection } from '../../volunteers';
import { PersonPairsSection } from '../../pairs';

export function ParticipationTab({ personId }: { personId: string }) {
  return (
    <Stack spacing={3} divider={<Divider flexItem />}>
      <PersonPartySection personId={personId} />
      <PersonActivitiesSection personId={personId} />
      <PersonVolunteersSection personId={personId} />
      <PersonPairsSection personId={personId} />
    </Stack>
  );
}
