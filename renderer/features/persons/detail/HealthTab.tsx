import Box from '@mui/material/Box';
import type { PersonDetail } from '../../../../shared/schemas/persons';
import { AdlSection } from './AdlSection';
import { HealthEvents } from './HealthEvents';
import { HealthProfileForm } from './HealthProfileForm';

/** 健康档案: self-care first (what visits depend on), then the health overview, then the dated entries. */
export function HealthTab({ detail }: { detail: PersonDetail }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
      <AdlSection detail={detail} />
      <HealthProfileForm detail={detail} />
      <HealthEvents detail={detail} />
    </Box>
  );
}
