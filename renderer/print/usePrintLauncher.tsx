import { useCallback, useState, type ReactElement } from 'react';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { useTranslation } from 'react-i18next';
import { openPrint, printHash, type PrintKind, type PrintMode } from './openPrint';

/**
 * Opens a print layout; when a pop-up blocker refuses the new tab, `notice` says so and offers a
 * link that opens it by a click (which blockers allow). `launch` answers whether the tab opened.
 */
export function usePrintLauncher(): { launch: (kind: PrintKind, listNo: string, mode?: Exclude<PrintMode, 'none'>) => boolean; notice: ReactElement | null } {
  const { t } = useTranslation();
  const [blocked, setBlocked] = useState<{ kind: PrintKind; listNo: string } | null>(null);
  const launch = useCallback((kind: PrintKind, listNo: string, mode: Exclude<PrintMode, 'none'> = 'print') => {
    const opened = openPrint(kind, listNo, mode);
    setBlocked(opened ? null : { kind, listNo });
    return opened;
  }, []);
  const notice = blocked ? (
    <Alert severity="warning" sx={{ my: 1 }} onClose={() => setBlocked(null)}>
      {t('print.blocked')}{' '}
      <Link
        href={printHash(blocked.kind, blocked.listNo, 'print')}
        onClick={(e) => {
          // Opened from the click (which blockers allow), keeping this tab as its opener so it shares the login.
          e.preventDefault();
          launch(blocked.kind, blocked.listNo);
        }}
      >
        {t('print.openHere', { listNo: blocked.listNo })}
      </Link>
    </Alert>
  ) : null;
  return { launch, notice };
}
