import Box from '@mui/material/Box';
import type { PersonDetail } from '../../../../shared/schemas/persons';
import { PersonCapabilitySection } from '../../capability';
import { AdlSection } from './AdlSection';
import { HealthEvents } from './HealthEvents';
import { HealthProfileForm } from './HealthProfileForm';

/** 健康档案: self-care first (Barthel, what visits depend on, and the GB/T 42195 capability assessment), then the health overview, then the dated entries. */
export function HealthTab({ detail }: { detail: PersonDetail }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
      <AdlSection detail={detail} />
      <PersonCapabilitySection personId={detail.person.id} />
      <HealthProfileForm detail={detail} />
      <HealthEvents detail={detail} />
    </Box>
  );
}
