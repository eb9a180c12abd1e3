/**
 * The month grid of activities: Monday first, seven columns, each day with its 农历 day (or the
 * festival / solar term) in small type, activities as chips coloured by kind; a click opens one.
 * The month is in the address (?month=2026-11), so going back returns to the same month.
 */
import { useUrlFilters } from '../../components/useUrlFilters';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Solar } from 'lunar-typescript';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type Activity, type ActivityKind } from '../../../shared/schemas/activities';
import { dateOfDay, dayNumber, daysInMonth, firstOfMonth, monthIndex, monthIndexOf, monthOfMonthIndex, parseYmd, yearMonthOf, yearOfMonthIndex } from '../../../shared/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { request } from '../../rpc';
import { useCanWrite } from '../../components/access';
import { useServerToday } from '../../components/serverToday';
import { ActivityDialog } from './ActivityDialog';
import { activityKeys, KIND_COLOURS, kindLabel, timeSpan } from './common';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/**
 * Lines of activities a day holds: a month of six weeks gets compact rows, so the whole month fits a
 * laptop screen (1366×860) without scrolling. More than that shows one line less and "还有 n 项".
 */
const LINES_PER_DAY = { normal: 3, compact: 2 } as const;
const CELL_HEIGHT = { normal: 88, compact: 76 } as const;

/**
 * The solar-calendar days worth marking here; the library also knows Western ones (圣诞节, 万圣节,
 * 感恩节…) that mean little to this office's calendar.
 */
const SOLAR_FESTIVALS: Record<string, string> = {
  元旦节: '元旦',
  妇女节: '妇女节',
  植树节: '植树节',
  劳动节: '劳动节',
  青年节: '青年节',
  儿童节: '儿童节',
  建党节: '建党节',
  建军节: '建军节',
  教师节: '教师节',
  国庆节: '国庆节',
};

/** 农历 in a cell: a festival or solar term if there is one, the month's name on its first day, else the day. */
function lunarText(date: string): { text: string; special: boolean } {
  const { year, month, day: dayOfMonth } = parseYmd(date) ?? { year: 1970, month: 1, day: 1 };
  const solar = Solar.fromYmd(year, month, dayOfMonth);
  const lunar = solar.getLunar();
  const festival = lunar.getFestivals()[0] ?? solar.getFestivals().flatMap((f) => SOLAR_FESTIVALS[f] ?? [])[0];
  if (festival) return { text: festival, special: true };
  const term = lunar.getJieQi();
  if (term) return { text: term, special: true };
  const day = lunar.getDayInChinese();
  return { text: day === '初一' ? `${lunar.getMonthInChinese()}月` : day, special: false };
}

/** A day of a month's grid: its date and where it sits. */
interface Day {
  date: string;
  month: number;
  day: number;
}

/** Monday-first weeks covering the month (by month index): 4 to 6 rows of 7 days. */
function monthDays(index: number): Day[] {
  const first = dayNumber(firstOfMonth(index));
  // Day 0 (1970-01-01) was a Thursday: days since a Monday.
  const lead = (((first + 3) % 7) + 7) % 7;
  const count = Math.ceil((lead + daysInMonth(yearOfMonthIndex(index), monthOfMonthIndex(index))) / 7) * 7;
  return Array.from({ length: count }, (_v, i) => {
    const date = dateOfDay(first - lead + i);
    const { month, day } = parseYmd(date) ?? { month: 0, day: 0 };
    return { date, month, day };
  });
}

/** The month of the address (?month=2026-11) as a month index, this month when there is none. */
function parseMonth(text: string | null, today: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  const month = Number(m?.[2]);
  return m && month >= 1 && month <= 12 ? monthIndex(Number(m[1]), month) : monthIndexOf(today);
}

export function CalendarView() {
  const { t, i18n } = useTranslation();
  // 农历 days and solar terms mean something only to Chinese readers; the English calendar leaves them out.
  const chinese = i18n.language.startsWith('zh');
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [sp, setUrlFilter] = useUrlFilters();
  // Main's calendar date: a new activity "today" is today for the attendance rule too.
  const { today } = useServerToday();
  const month = parseMonth(sp.get('month'), today);
  const kind = (sp.get('kind') ?? '') as ActivityKind | '';
  const [newOn, setNewOn] = useState<string | null>(null);
  const thisMonth = monthIndexOf(today);

  const set = (key: string, value: string) => setUrlFilter(key, value);
  const goTo = (m: number) => set('month', m === thisMonth ? '' : yearMonthOf(m));

  const year = yearOfMonthIndex(month);
  const monthNo = monthOfMonthIndex(month);
  const calendar = useQuery({
    queryKey: activityKeys.calendar(year, monthNo, kind),
    queryFn: () => request('activities.calendar', { year, month: monthNo, kind: kind || undefined }),
    placeholderData: keepPreviousData,
  });
  const byDay = useMemo(() => {
    const map = new Map<string, Activity[]>();
    for (const a of calendar.data?.rows ?? []) map.set(a.date, [...(map.get(a.date) ?? []), a]);
    return map;
  }, [calendar.data]);
  const days = useMemo(() => monthDays(month), [month]);
  const count = calendar.data?.rows.length ?? 0;
  const size = days.length > 35 ? 'compact' : 'normal';
  const lines = LINES_PER_DAY[size];

  return (
    <Box>
      <Paper variant="outlined" sx={{ px: 1.5, py: 1, mb: 1.5, display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap' }}>
        <Tooltip title={t('activities.calendar.prev')}>
          <IconButton onClick={() => goTo(month - 1)} aria-label={t('activities.calendar.prev')}>
            <ChevronLeftIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="h6" component="h2" sx={{ minWidth: 130, textAlign: 'center', fontWeight: 600 }} data-testid="calendar-month">
          {chinese ? t('activities.calendar.month', { year, month: monthNo }) : dayjs(firstOfMonth(month)).locale('en').format('MMMM YYYY')}
        </Typography>
        <Tooltip title={t('activities.calendar.next')}>
          <IconButton onClick={() => goTo(month + 1)} aria-label={t('activities.calendar.next')}>
            <ChevronRightIcon />
          </IconButton>
        </Tooltip>
        <Button variant="outlined" size="small" onClick={() => goTo(thisMonth)} disabled={month === thisMonth}>
          {t('activities.calendar.thisMonth')}
        </Button>
        <TextField
          select
          size="small"
          margin="none"
          fullWidth={false}
          label={t('activities.fields.kind')}
          value={kind}
          onChange={(e) => set('kind', e.target.value)}
          sx={{ width: 150, ml: 1 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('activities.anyKind')}</MenuItem>
          {ACTIVITY_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {kindLabel(k)}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 1 }}>
          {t('activities.calendar.summary', { count })}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {canWrite ? (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setNewOn(month === thisMonth ? today : firstOfMonth(month))}>
            {t('activities.create')}
          </Button>
        ) : null}
      </Paper>
      <ErrorAlert error={calendar.error} sx={{ mb: 2 }} />
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))' }} role="grid" aria-label={t('activities.calendar.month', { year, month: monthNo })}>
          {WEEKDAYS.map((w, i) => (
            <Box
              key={w}
              role="columnheader"
              sx={{ py: 0.75, textAlign: 'center', fontWeight: 600, bgcolor: 'action.hover', borderBottom: 1, borderColor: 'divider', color: i >= 5 ? 'error.main' : 'text.primary' }}
            >
              {t('activities.calendar.weekday', { day: t(`activities.calendar.weekdays.${w}`) })}
            </Box>
          ))}
          {days.map((d, i) => {
            const date = d.date;
            const inMonth = d.month === monthNo;
            const isToday = date === today;
            const items = inMonth ? (byDay.get(date) ?? []) : [];
            const shown = items.length > lines ? items.slice(0, lines - 1) : items;
            const lunar = chinese ? lunarText(date) : null;
            return (
              <Box
                key={date}
                role="gridcell"
                data-date={date}
                aria-current={isToday ? 'date' : undefined}
                sx={{
                  minHeight: CELL_HEIGHT[size],
                  px: 0.75,
                  py: 0.5,
                  borderRight: (i + 1) % 7 === 0 ? 0 : 1,
                  borderBottom: i < days.length - 7 ? 1 : 0,
                  borderColor: 'divider',
                  bgcolor: isToday ? 'rgba(25, 118, 210, 0.08)' : inMonth ? 'background.paper' : 'action.hover',
                  opacity: inMonth ? 1 : 0.55,
                  position: 'relative',
                  '&:hover .add-on-day': { opacity: 1 },
                }}
              >
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, mb: 0.25, height: 22 }}>
                  <Typography
                    component="span"
                    sx={{
                      fontWeight: 600,
                      fontSize: 15,
                      lineHeight: '22px',
                      minWidth: 22,
                      textAlign: 'center',
                      borderRadius: '11px',
                      ...(isToday ? { bgcolor: 'primary.main', color: 'primary.contrastText' } : {}),
                    }}
                  >
                    {d.day}
                  </Typography>
                  {lunar ? (
                    <Typography component="span" variant="caption" data-testid="lunar-day" sx={{ color: lunar.special ? 'error.main' : 'text.secondary', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                      {lunar.text}
                    </Typography>
                  ) : null}
                  {canWrite && inMonth ? (
                    <IconButton
                      className="add-on-day"
                      size="small"
                      onClick={() => setNewOn(date)}
                      aria-label={t('activities.calendar.addOn', { month: d.month, day: d.day })}
                      sx={{ ml: 'auto', p: 0.25, opacity: 0, '&:focus-visible': { opacity: 1 } }}
                    >
                      <AddIcon sx={{ fontSize: 17 }} />
                    </IconButton>
                  ) : null}
                </Box>
                {shown.map((a) => (
                  <ButtonBase
                    key={a.id}
                    onClick={() => navigate(`/activities/${a.id}`)}
                    title={`${timeSpan(a)} ${a.title}`}
                    sx={{
                      display: 'block',
                      width: '100%',
                      textAlign: 'left',
                      mb: 0.25,
                      px: 0.75,
                      py: '1px',
                      borderRadius: 1,
                      fontSize: 12.5,
                      lineHeight: 1.45,
                      color: '#fff',
                      bgcolor: KIND_COLOURS[a.kind],
                      whiteSpace: 'nowrap',
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      '&:hover, &:focus-visible': { filter: 'brightness(1.12)' },
                    }}
                  >
                    {a.startTime ? `${a.startTime} ` : ''}
                    {a.title}
                  </ButtonBase>
                ))}
                {shown.length < items.length ? (
                  <ButtonBase onClick={() => navigate(`/activities/list?from=${date}&to=${date}`)} sx={{ fontSize: 12, lineHeight: 1.5, color: 'primary.main', px: 0.75 }}>
                    {t('activities.calendar.more', { count: items.length - shown.length })}
                  </ButtonBase>
                ) : null}
              </Box>
            );
          })}
        </Box>
      </Paper>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 1, alignItems: 'center' }}>
        {ACTIVITY_KINDS.map((k) => (
          <Box key={k} sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
            <Box sx={{ width: 12, height: 12, borderRadius: '3px', bgcolor: KIND_COLOURS[k] }} />
            <Typography variant="body2" color="text.secondary">
              {kindLabel(k)}
            </Typography>
          </Box>
        ))}
        {calendar.isSuccess && count === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {canWrite ? t('activities.calendar.empty') : t('activities.calendar.emptyViewer')}
          </Typography>
        ) : null}
      </Box>
      <ActivityDialog open={newOn !== null} date={newOn ?? today} onClose={() => setNewOn(null)} onCreated={(id) => navigate(`/activities/${id}`)} />
    </Box>
  );
}
