import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/schemas/audit';
import { formatDateTime } from '../../../shared/dates';
import { ListPage } from '../../components/ListPage';
import { useListFilters } from '../../components/useUrlFilters';
import i18n, { currentLanguage } from '../../i18n';
import { request } from '../../rpc';
import { entityLabel, isRecordEntity } from '../../components/records';
import { describeChanges } from '../persons';
import type { KindColumn } from '../../components/gridColumns';

function translated(key: string, fallback: string): string {
  return i18n.exists(key) ? i18n.t(key) : fallback;
}

function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.empty');
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string') {
    if (field === 'role') return translated(`role.${value}`, value);
    if (field === 'mode') return translated(`mode.${value}`, value);
    if (field === 'language') return translated(`language.${value}`, value);
    if (field === 'password') return translated(`audit.passwordReason.${value}`, value);
    if (field === 'reason') return translated(`backup.reasons.${value}`, value);
    if (field === 'lockedUntil' && !Number.isNaN(Date.parse(value))) return formatDateTime(value, currentLanguage());
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** "角色：工作人员 → 管理员; 电话：（空）→ 123" — each changed field in words. */
export function summariseChanges(changes: Record<string, unknown> | null): string {
  if (!changes) return '';
  return Object.entries(changes)
    // A new record's empty fields say nothing.
    .filter(([, value]) => !(value === null || value === undefined || value === ''))
    .map(([field, value]) => {
      const name = translated(`audit.fields.${field}`, field);
      if (Array.isArray(value) && value.length === 2) {
        return i18n.t('audit.change', { field: name, before: describeValue(field, value[0]), after: describeValue(field, value[1]) });
      }
      return i18n.t('audit.value', { field: name, value: describeValue(field, value) });
    })
    .join('；');
}

export function AuditPage() {
  const { t } = useTranslation();
  const { page, setPage, paging } = useListFilters();
  const audit = useQuery({
    queryKey: ['audit', page.page, page.pageSize],
    queryFn: () => request('audit.list', paging),
    placeholderData: keepPreviousData,
  });

  const columns: KindColumn<AuditEntry>[] = [
    { field: 'at', kind: 'dateTime', headerName: t('audit.time'), width: 190, sortable: false, valueFormatter: (v: string) => formatDateTime(v, currentLanguage()) },
    {
      field: 'username',
      kind: 'name',
      headerName: t('audit.user'),
      width: 130,
      sortable: false,
      valueGetter: (_v, row) => (row.userId === null && (row.username === null || row.username === 'system') ? t('audit.system') : (row.username ?? '')),
    },
    { field: 'entity', kind: 'text', headerName: t('audit.entity'), width: 130, sortable: false, valueFormatter: (v: string) => entityLabel(v) },
    { field: 'subjectName', kind: 'name', headerName: t('audit.person'), width: 100, sortable: false, valueGetter: (_v, row) => row.subjectName ?? '' },
    { field: 'action', kind: 'text', headerName: t('audit.action'), width: 140, sortable: false, valueFormatter: (v: string) => translated(`audit.actions.${v}`, v) },
    {
      field: 'changes',
      kind: 'long',
      headerName: t('audit.changes'),
      flex: 1,
      minWidth: 280,
      sortable: false,
      // A record's columns are named and its codes read as on the person's history; users and settings as here.
      valueGetter: (_v, row) => (isRecordEntity(row.entity) ? describeChanges(row).join('；') : summariseChanges(row.changes)),
    },
  ];

  return (
    <ListPage
      maxWidth={1400}
      title={t('audit.title')}
      intro={t('audit.intro')}
      error={audit.error}
      grid={{
        data: audit.data ? { rows: audit.data.entries, total: audit.data.total, capped: audit.data.capped } : undefined,
        columns,
        loading: audit.isFetching,
        page,
        onPageChange: setPage,
        label: t('audit.title'),
      }}
    />
  );
}
