/**
 * The office head's morning view on the home page: what needs following up today, each a count (or
 * a short list) that opens the list behind it — overdue visits by worker, this season's campaigns
 * against their goals, requests open past due, pairs not contacted in time, persons without a
 * responsible contact, persons in hospital, recent deaths, 整寿 birthdays ahead and unpaid dues.
 */
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { campaignKey } from '../../../shared/reports/catalogue';
import { campaignLabel } from '../../../shared/reports/period';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { RAG_COLOURS, drillPath, lang, reportKeys } from './common';

const RED = '#c62828';

function Card({ title, count, to, tone, help, children, id }: { title: string; count?: number; to?: string; tone?: string; help?: string; children?: ReactNode; id: string }) {
  const colour = count ? (tone ?? RED) : 'text.disabled';
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', flexDirection: 'column', gap: 0.5, borderLeft: `5px solid`, borderLeftColor: count ? (tone ?? RED) : 'divider' }} data-morning={id}>
      <Typography sx={{ fontWeight: 600 }}>{title}</Typography>
      {count !== undefined ? (
        to && count > 0 ? (
          <Link component={RouterLink} to={to} underline="hover" sx={{ fontSize: '1.9rem', fontWeight: 700, lineHeight: 1.2, color: colour, fontVariantNumeric: 'tabular-nums' }}>
            {count}
          </Link>
        ) : (
          <Typography sx={{ fontSize: '1.9rem', fontWeight: 700, lineHeight: 1.2, color: colour }}>{count}</Typography>
        )
      ) : null}
      {help ? (
        <Typography variant="body2" color="text.secondary">
          {help}
        </Typography>
      ) : null}
      {children}
    </Paper>
  );
}

function Names({ items, more, to }: { items: { personId: string; name: string; detail: string }[]; more: number; to: string }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5, fontSize: '0.92rem' }}>
      {items.slice(0, 5).map((p) => (
        <li key={`${p.personId}${p.detail}`}>
          <Link component={RouterLink} to={`/persons/${p.personId}`}>
            {p.name}
          </Link>{' '}
          <Typography component="span" variant="body2" color="text.secondary">
            {p.detail}
          </Typography>
        </li>
      ))}
      {more > 5 ? (
        <li style={{ listStyle: 'none' }}>
          <Link component={RouterLink} to={to}>
            {t('reports.morning.viewAll')}
          </Link>
        </li>
      ) : null}
    </Box>
  );
}

export function MorningView() {
  const { t } = useTranslation();
  const morning = useQuery({ queryKey: reportKeys.morning(), queryFn: () => request('reports.morning', {}) });
  const m = morning.data;
  if (morning.error) return <ErrorAlert error={morning.error} sx={{ mb: 3 }} />;
  if (!m) return <LinearProgress sx={{ mb: 3 }} />;
  const today = m.today;
  const year = today.slice(0, 4);
  // At a bureau the cards count its own persons: the lists they open hold those only, not every office's.
  const inScope = (to: string) => (m.office.bureauOwn && m.office.id !== null ? `${to}&office=${encodeURIComponent(m.office.id)}` : to);
  const birthdayList = inScope(`/visits?who=all&reason=birthday&from=${today}&to=${m.birthdaysUntil}`);
  return (
    <Paper variant="outlined" sx={{ p: 3, mb: 3 }} component="section" aria-label={t('reports.morning.title')} data-testid="morning-view">
      <Typography variant="h6" component="h2">
        {t('reports.morning.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('reports.morning.intro', { date: today })}
      </Typography>
      {m.office.bureauOwn ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="morning-bureau-own">
          {t('reports.bureauOwn')}
        </Alert>
      ) : null}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: 2 }}>
        <Card id="overdue" title={t('reports.morning.overdueByWorker')} count={m.overdueTotal} to={inScope('/visits?who=all&status=overdue')}>
          {m.overdueByWorker.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('reports.morning.noOverdue')}
            </Typography>
          ) : (
            <Box component="table" sx={{ fontSize: '0.9rem', borderCollapse: 'collapse', '& td': { py: 0.25, pr: 1.5 }, '& td.n': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}>
              <thead>
                <Box component="tr" sx={{ color: 'text.secondary', fontSize: '0.8rem' }}>
                  <td />
                  <td className="n">{t('reports.morning.overdueHead')}</td>
                  <td className="n">{t('reports.morning.missedHead')}</td>
                </Box>
              </thead>
              <tbody>
                {m.overdueByWorker.slice(0, 6).map((w) => (
                  <tr key={w.userId ?? 'none'}>
                    <td>
                      <Link component={RouterLink} to={inScope(`/visits?who=${w.userId ?? 'unassigned'}&status=overdue`)}>
                        {w.userId === null ? t('reports.morning.noContactName') : (w.name ?? '—')}
                      </Link>
                    </td>
                    <Box component="td" className="n" sx={{ color: w.overdue > 0 ? RED : undefined, fontWeight: 600 }}>
                      {w.overdue}
                    </Box>
                    <td className="n">{w.missed}</td>
                  </tr>
                ))}
              </tbody>
            </Box>
          )}
        </Card>
        <Card id="campaigns" title={t('reports.morning.campaigns')}>
          {m.campaigns.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('reports.morning.noCampaign')}
            </Typography>
          ) : (
            m.campaigns.map((c) => (
              <Box key={`${c.campaign}${c.year}`} sx={{ mb: 0.5 }}>
                <Link
                  component={RouterLink}
                  to={drillPath({ key: campaignKey(c.campaign), measure: 'notVisited', period: `${c.campaign}:${c.year}` })}
                  underline="hover"
                  sx={{ fontSize: '0.92rem' }}
                >
                  {t(c.campaign === 'birthday' ? 'reports.morning.campaignYearLine' : 'reports.morning.campaignLine', {
                    name: `${c.year}${lang() === 'en' ? ' ' : '年'}${campaignLabel(c.campaign, lang())}`,
                    date: c.dueDate,
                    visited: c.visited,
                    due: c.due,
                  })}
                </Link>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <LinearProgress
                    variant="determinate"
                    value={Math.min(100, c.coverage ?? 0)}
                    sx={{ flex: 1, height: 8, borderRadius: 1, '& .MuiLinearProgress-bar': { bgcolor: c.status ? RAG_COLOURS[c.status] : undefined } }}
                  />
                  <Typography variant="body2" sx={{ fontWeight: 700, color: c.status ? RAG_COLOURS[c.status] : undefined, minWidth: 48 }}>
                    {c.coverage === null ? '—' : `${c.coverage}%`}
                  </Typography>
                </Box>
                <Typography variant="caption" color="text.secondary">
                  {t('reports.goal', { target: c.goal })} · {t(`reports.rag.${c.status ?? 'none'}`)}
                </Typography>
              </Box>
            ))
          )}
        </Card>
        <Card
          id="requests"
          title={t('reports.morning.requestsPastDue')}
          count={m.requestsPastDue}
          help={t('reports.morning.requestsHelp', { days: m.requestDueDays })}
          to={drillPath({ key: 'requests.summary', measure: 'openPastDue', period: `${today}..${today}` })}
        />
        <Card id="pairs" title={t('reports.morning.pairsOverdue')} count={m.pairsOverdue} to={inScope('/pairs?due=overdue')} />
        <Card id="noContact" title={t('reports.morning.noContact')} count={m.noContact} to={drillPath({ key: 'persons.contacts', measure: 'noResponsible', period: today })} />
        <Card id="hospital" title={t('reports.morning.inHospital')} count={m.inHospitalCount} tone="#ed6c02" to={drillPath({ key: 'persons.hospital', measure: 'inHospital', period: today })}>
          <Names
            items={m.inHospital.map((p) => ({ ...p, detail: t('reports.morning.since', { date: p.date }) }))}
            more={m.inHospitalCount}
            to={drillPath({ key: 'persons.hospital', measure: 'inHospital', period: today })}
          />
        </Card>
        <Card id="deaths" title={t('reports.morning.deaths')} count={m.recentDeathsCount} tone="#455a64" to={drillPath({ key: 'persons.changes', measure: 'died', period: `${m.deathsSince}..${today}` })}>
          <Names items={m.recentDeaths.map((p) => ({ ...p, detail: `${p.date} ${p.detail}` }))} more={m.recentDeathsCount} to={drillPath({ key: 'persons.changes', measure: 'died', period: `${m.deathsSince}..${today}` })} />
        </Card>
        <Card id="birthdays" title={t('reports.morning.birthdays')} count={m.birthdays.length} tone="#2e7d32" to={birthdayList}>
          <Names items={m.birthdays.map((p) => ({ ...p, detail: t('reports.morning.turns', { date: p.date, age: p.age }) }))} more={m.birthdays.length} to={birthdayList} />
        </Card>
        <Card
          id="dues"
          title={t('reports.morning.dues')}
          count={m.dues.persons}
          tone="#ed6c02"
          help={t('reports.morning.duesHelp', { month: m.dues.month, months: m.dues.months })}
          to={drillPath({ key: 'party.dues', measure: 'persons', period: today })}
        />
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
        <Link component={RouterLink} to={`/reports?period=${year}`}>
          {t('reports.tabs.dashboard')}
        </Link>
      </Typography>
    </Paper>
  );
}
