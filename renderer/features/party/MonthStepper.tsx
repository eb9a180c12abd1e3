import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import { monthText } from './common';

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A month chosen by stepping back and forth (‹ 2026年11月 ›): dues are looked at month by month, and
 * the browser's own month box would speak the system's language rather than the reader's.
 */
export function MonthStepper({ label, value, onChange, max }: { label: string; value: string; onChange: (month: string) => void; max?: string }) {
  const { t } = useTranslation();
  const atMax = max !== undefined && value >= max;
  return (
    <Box role="group" aria-label={label} sx={{ display: 'flex', alignItems: 'center', gap: 0.5, border: 1, borderColor: 'divider', borderRadius: 1, px: 0.5 }}>
      <Typography variant="body2" color="text.secondary" sx={{ pl: 1, pr: 0.5 }}>
        {label}
      </Typography>
      <IconButton size="small" aria-label={t('party.previousMonth')} onClick={() => onChange(shift(value, -1))}>
        <ChevronLeftIcon />
      </IconButton>
      <Typography sx={{ minWidth: 96, textAlign: 'center', fontWeight: 600 }} aria-live="polite">
        {monthText(value)}
      </Typography>
      <IconButton size="small" aria-label={t('party.nextMonth')} onClick={() => onChange(shift(value, 1))} disabled={atMax}>
        <ChevronRightIcon />
      </IconButton>
    </Box>
  );
}
