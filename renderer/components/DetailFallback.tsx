import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { ErrorAlert } from './ErrorAlert';

/** The "back to the list" button at the top of a detail page. */
export function BackButton({ to, label }: { to: string; label: string }) {
  return (
    <Button component={RouterLink} to={to} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
      {label}
    </Button>
  );
}

/** The record asked for is gone (deleted here or by another office's packet) rather than unreadable. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

interface DetailFallbackProps {
  /** The page's back button, so the user is never stuck on a page without its record. */
  back: ReactNode;
  error: unknown;
  /** When given, a missing record shows this friendly warning instead of the error text. */
  notFound?: string;
  maxWidth?: number;
  /** While loading: a spinner with 「加载中」 ('label'), the spinner alone ('spinner'), or only the back button ('none'). */
  loading?: 'label' | 'spinner' | 'none';
}

/** What a detail page shows instead of its record: the record is missing, could not be read, or is still loading. */
export function DetailFallback({ back, error, notFound, maxWidth, loading = 'label' }: DetailFallbackProps) {
  const { t } = useTranslation();
  if (notFound !== undefined && isNotFound(error)) {
    return (
      <Box sx={{ maxWidth }}>
        {back}
        <Alert severity="warning">{notFound}</Alert>
      </Box>
    );
  }
  if (error || loading === 'none') {
    return (
      <Box sx={{ maxWidth }}>
        {back}
        <ErrorAlert error={error} />
      </Box>
    );
  }
  return (
    <Box sx={{ p: 4, display: 'flex', gap: 2, alignItems: 'center' }}>
      <CircularProgress size={24} />
      {loading === 'label' ? t('common.loading') : null}
    </Box>
  );
}
