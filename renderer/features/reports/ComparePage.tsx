/**
 * A handed-in form beside what the office's records say now: the frozen figures with every cell
 * that differs marked (上报 → 现在), and the list of differences. At the bureau it is the records the
 * office has sent since; at the office its own.
 */
import { Link as RouterLink, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../state';
import { request } from '../../rpc';
import { FORM_TABLE_SX, FormTableView, formCellText } from './FormTableView';
import { reportKeys } from './common';

export function ComparePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const bureau = useSession().info.office?.mode === 'bureau';
  const cmp = useQuery({ queryKey: reportKeys.compare(id), queryFn: () => request('reports.formCompare', { submissionId: id }), retry: false });
  const c = cmp.data;
  const marks = new Map((c?.differences ?? []).map((d) => [`${d.tableId}:${d.row}:${d.col}`, d.submitted]));
  return (
    <Box>
      <Button component={RouterLink} to={bureau ? '/reports/county' : '/reports/forms'} startIcon={<ArrowBackIcon />} sx={{ mb: 1 }}>
        {t(bureau ? 'reports.county.back' : 'reports.compare.backForms')}
      </Button>
      <PageHeader title={c ? t('reports.compare.title', { office: c.submitted.officeName, form: c.submitted.title, period: c.submitted.periodLabel }) : t('reports.compare.titleShort')} />
      <ErrorAlert error={cmp.error} sx={{ mb: 2 }} />
      {c ? (
        <>
          <Alert severity={c.differences.length === 0 ? 'success' : 'warning'} sx={{ mb: 2 }} data-testid="compare-summary">
            {c.differences.length === 0
              ? t('reports.compare.same', { date: c.submitted.submission?.submittedOn ?? '' })
              : t('reports.compare.differ', { count: c.differences.length, date: c.submitted.submission?.submittedOn ?? '' })}
            {c.shapeChanged ? ` ${t('reports.compare.shapeChanged')}` : ''}
          </Alert>
          {c.differences.length > 0 ? (
            <Paper variant="outlined" sx={{ mb: 2, overflowX: 'auto' }}>
              <Table size="small" data-testid="compare-differences">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('reports.compare.table')}</TableCell>
                    <TableCell>{t('reports.compare.row')}</TableCell>
                    <TableCell>{t('reports.compare.column')}</TableCell>
                    <TableCell align="right">{t('reports.compare.submitted')}</TableCell>
                    <TableCell align="right">{t('reports.compare.current')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {c.differences.map((d) => {
                    const unit = c.current.tables.find((x) => x.id === d.tableId)?.columnUnits[d.col] ?? 'count';
                    return (
                      <TableRow key={`${d.tableId}:${d.row}:${d.col}`}>
                        <TableCell>{d.tableTitle}</TableCell>
                        <TableCell>{d.rowLabel}</TableCell>
                        <TableCell>{d.colLabel}</TableCell>
                        <TableCell align="right">{formCellText(d.submitted, unit)}</TableCell>
                        <TableCell align="right" sx={{ fontWeight: 700, bgcolor: '#fff3cd' }}>
                          {formCellText(d.current, unit)}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </Paper>
          ) : null}
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            {t('reports.compare.nowTitle')}
          </Typography>
          <Box sx={FORM_TABLE_SX}>
            {c.current.tables.map((table) => (
              <FormTableView key={table.id} table={table} marks={marks} />
            ))}
          </Box>
        </>
      ) : null}
    </Box>
  );
}
