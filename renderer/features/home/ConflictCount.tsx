import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useTranslation } from 'react-i18next';
import { READERS, WRITERS } from '../../../shared/roles';
import { request } from '../../rpc';
import { useSession } from '../../state';

/** Unresolved conflicts from packets, on the home page (grid workers neither see nor resolve them). */
export function ConflictCount() {
  const { t } = useTranslation();
  const { user } = useSession();
  const allowed = READERS.includes(user.role);
  const count = useQuery({ queryKey: ['packets', 'conflicts', 'count'], queryFn: () => request('conflicts.count', {}), enabled: allowed });
  const open = count.data?.open ?? 0;
  if (!allowed || open === 0) return null;
  const canResolve = WRITERS.includes(user.role);
  return (
    <Alert
      severity="warning"
      sx={{ mb: 3, fontSize: '1.05rem' }}
      data-testid="conflict-count"
      action={
        canResolve ? (
          <Button component={RouterLink} to="/packets/conflicts" color="inherit" variant="outlined">
            {t('home.conflictsOpen')}
          </Button>
        ) : undefined
      }
    >
      {t(canResolve ? 'home.conflicts' : 'home.conflictsViewer', { count: open })}
    </Alert>
  );
}
