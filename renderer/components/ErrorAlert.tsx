import Alert, { type AlertProps } from '@mui/material/Alert';
import { errorMessage } from '../i18n';

/** The translated message of a failed call, or nothing when there is no error. */
export function ErrorAlert({ error, ...props }: { error: unknown } & Omit<AlertProps, 'children'>) {
  if (error === null || error === undefined) return null;
  return (
    <Alert severity="error" role="alert" {...props}>
      {errorMessage(error)}
    </Alert>
  );
}
