import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** A label over its value, for the facts at the top of a team's or volunteer's page. */
export function Fact({ label, value, strong, wide }: { label: string; value: string; strong?: boolean; wide?: boolean }) {
  return (
    <Box sx={{ minWidth: 110, flexBasis: wide ? '100%' : undefined }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontWeight: strong ? 700 : 500, fontSize: strong ? '1.2rem' : undefined, whiteSpace: 'pre-wrap' }}>{value}</Typography>
    </Box>
  );
}
