import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Snackbar from '@mui/material/Snackbar';

type Severity = 'success' | 'info' | 'warning' | 'error';
interface Note {
  key: number;
  text: string;
  severity: Severity;
}

const NotifyContext = createContext<((text: string, severity?: Severity) => void) | null>(null);

/** Short confirmations ("已保存") at the bottom of the window. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [note, setNote] = useState<Note | null>(null);
  const notify = useCallback((text: string, severity: Severity = 'success') => {
    setNote({ key: Date.now(), text, severity });
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={note?.key}
        open={note !== null}
        autoHideDuration={5000}
        onClose={(_e, reason) => {
          if (reason !== 'clickaway') setNote(null);
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {note ? (
          <Alert severity={note.severity} variant="filled" onClose={() => setNote(null)} sx={{ minWidth: 320 }}>
            {note.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export function useNotify(): (text: string, severity?: Severity) => void {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside NotifyProvider');
  return notify;
}
