/**
 * 走访清单: the printed lists (visit lists and service cards), printing a new one, printing one again,
 * and "录入走访结果" by the number on the paper or by scanning one of its codes (anywhere on the page:
 * see useScanner). A list with nothing entered can be cancelled (作废).
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PrintIcon from '@mui/icons-material/Print';
import CardMembershipIcon from '@mui/icons-material/CardMembership';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { listNoSchema } from '../../../shared/schemas/lists';
import { looksLikeListCode } from '../../../shared/listCodes';
import { formatDateTime } from '../../../shared/dates';
import { ListPage } from '../../components/ListPage';
import { ServerDataGrid } from '../../components/ServerDataGrid';
import { currentLanguage, errorMessage, zodIssueMessage } from '../../i18n';
import { FormTextField } from '../../components/FormTextField';
import { usePrintLauncher } from '../../print/usePrintLauncher';
import { request } from '../../rpc';
import { careKeys } from '../../components/queryKeys';
import { label } from '../../components/labels';
import { useCanVisit } from '../../components/access';
import { PrintCardsDialog, PrintListDialog } from './PrintListDialogs';
import type { KindColumn } from '../../components/gridColumns';
import { CancelListDialog } from './CancelListDialog';
import { useScanner } from './useScanner';
import { OfficeFilter, useCountyOffices } from '../reports';

type Summary = ChannelOutput<'lists.list'>['rows'][number];

/** "网格员小李 · 第一网格 · 2026-11-27 至 2026-12-27" */
export function listSubject(params: Summary['params']): string {
  const parts = [params.userName, params.gridName].filter((p): p is string => Boolean(p));
  if (params.from && params.to) parts.push(`${params.from} ~ ${params.to}`);
  return parts.join(' · ');
}

/**
 * A list's number as printed on it (2026-11-0007), or a code scanned or pasted from the paper;
 * anything else is refused with how to write it.
 */
const openFormSchema = z.object({
  listNo: z
    .string()
    .trim()
    .refine((v) => looksLikeListCode(v) || listNoSchema.safeParse(v).success, { message: 'list.noFormat' })
    .transform((v) => (looksLikeListCode(v) ? v : listNoSchema.parse(v))),
});

export function ListsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canVisit = useCanVisit();
  const printer = usePrintLauncher();
  const { control, handleSubmit, setError } = useForm<{ listNo: string }, unknown, { listNo: string }>({
    resolver: zodResolver(openFormSchema, { error: zodIssueMessage }),
    defaultValues: { listNo: '' },
  });
  const [printing, setPrinting] = useState(false);
  const [cards, setCards] = useState(false);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [page, setPage] = useState({ page: 0, pageSize: 25 });
  const county = useCountyOffices();
  const [office, setOffice] = useState('');
  const query = { ...(county && office ? { office } : {}), limit: page.pageSize, offset: page.page * page.pageSize };
  const lists = useQuery({ queryKey: careKeys.lists(query), queryFn: () => request('lists.list', query), placeholderData: keepPreviousData });

  /** A scanned code opens its list (at its row); a refused one says why, in the box. */
  const openCode = (code: string) =>
    request('lists.resolveCode', { code }).then(
      (found) => navigate(`/visits/lists/${found.listNo}${found.row === null ? '' : `?row=${found.row}`}`),
      (err: unknown) => setError('listNo', { message: errorMessage(err) }, { shouldFocus: true }),
    );
  useScanner((code) => void openCode(code), canVisit);
  const open = handleSubmit(({ listNo }) => (looksLikeListCode(listNo) ? openCode(listNo) : navigate(`/visits/lists/${listNo}`)));

  const columns: KindColumn<Summary>[] = [
    { field: 'listNo', kind: 'text', headerName: t('lists.listNo'), width: 120, renderCell: ({ row }) => <Box component="span" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{row.listNo}</Box> },
    { field: 'kind', kind: 'text', headerName: t('lists.kind'), width: 110, valueFormatter: (v: string) => label('listKind', v) },
    { field: 'params', kind: 'long', headerName: t('lists.subject'), flex: 1, minWidth: 220, valueFormatter: (v: Summary['params']) => listSubject(v) },
    { field: 'rowCount', kind: 'number', headerName: t('lists.rows'), width: 80 },
    {
      field: 'enteredCount',
      kind: 'chip',
      headerName: t('lists.entered'),
      width: 110,
      renderCell: ({ row }) =>
        row.kind === 'visit_list' ? (
          <Chip size="small" color={row.enteredCount >= row.rowCount ? 'success' : row.enteredCount > 0 ? 'info' : 'default'} label={t('lists.enteredOf', { done: row.enteredCount, total: row.rowCount })} />
        ) : null,
    },
    { field: 'printedAt', kind: 'dateTime', headerName: t('lists.printedAt'), width: 160, valueFormatter: (v: string) => formatDateTime(v, currentLanguage()) },
    { field: 'printedByName', kind: 'name', headerName: t('lists.printedBy'), width: 100 },
    {
      field: 'actions',
      kind: 'actions',
      headerName: t('grids.actions'),
      width: 260,
      renderCell: ({ row }) => (
        <Box sx={{ display: 'flex', gap: 0.5 }}>
          <Button size="small" startIcon={<PrintIcon />} onClick={() => printer.launch(row.kind === 'visit_list' ? 'visit-list' : 'service-cards', row.listNo)}>
            {t('lists.reprint')}
          </Button>
          {row.kind === 'visit_list' && canVisit ? (
            <Button size="small" variant="outlined" startIcon={<EditNoteIcon />} onClick={() => void navigate(`/visits/lists/${row.listNo}`)}>
              {t('lists.enter')}
            </Button>
          ) : null}
          {canVisit && row.enteredCount === 0 ? (
            <Button size="small" color="warning" onClick={() => setCancelling(row.listNo)}>
              {t('lists.cancel')}
            </Button>
          ) : null}
        </Box>
      ),
    },
  ];
  if (county) columns.unshift({ field: 'originOffice', kind: 'text', headerName: t('persons.fields.originOffice'), width: 130, valueFormatter: (v: string) => county.names.get(v) ?? v });

  return (
    <ListPage
      ownBar={
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mb: 2 }}>
          {canVisit ? (
            <Paper variant="outlined" component="form" noValidate onSubmit={(e) => void open(e)} sx={{ p: 2 }}>
              <Typography variant="h6" component="h2">
                {t('lists.enterTitle')}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('lists.enterIntro')}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
                <FormTextField
                  control={control}
                  name="listNo"
                  label={t('lists.listNo')}
                  placeholder="2026-11-0007"
                  helperText={t('lists.listNoHelp')}
                  autoComplete="off"
                  slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                />
                <Button type="submit" variant="contained" sx={{ mt: 2.5, flexShrink: 0, height: 44 }}>
                  {t('lists.open')}
                </Button>
              </Box>
            </Paper>
          ) : null}
          {canVisit ? (
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Typography variant="h6" component="h2">
                {t('lists.printNewTitle')}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {t('lists.printNewIntro')}
              </Typography>
              <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
                <Button variant="contained" startIcon={<PrintIcon />} onClick={() => setPrinting(true)}>
                  {t('lists.printVisitList')}
                </Button>
                <Button variant="outlined" startIcon={<CardMembershipIcon />} onClick={() => setCards(true)}>
                  {t('lists.printCards')}
                </Button>
              </Box>
            </Paper>
          ) : null}
        </Box>
      }
      notice={printer.notice}
      error={lists.error}
      grid={
        <ServerDataGrid
          heading={
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 2, pt: 2, flexWrap: 'wrap' }}>
              <Typography variant="h6" component="h2">
                {t('lists.history')}
              </Typography>
              <OfficeFilter
                county={county}
                value={office}
                onChange={(v) => {
                  setOffice(v);
                  setPage((p) => ({ ...p, page: 0 }));
                }}
              />
            </Box>
          }
          data={lists.data}
          columns={columns}
          loading={lists.isFetching}
          page={page}
          onPageChange={setPage}
          autoRowHeight={false}
          emptyLabel={t('lists.none')}
          label={t('lists.history')}
        />
      }
    >
      <PrintListDialog open={printing} onClose={() => setPrinting(false)} />
      <PrintCardsDialog open={cards} onClose={() => setCards(false)} />
      <CancelListDialog listNo={cancelling} onClose={() => setCancelling(null)} />
    </ListPage>
  );
}
