import { lunarBirthdayText } from '../../../../shared/lunarBirthday';
import { Link as RouterLink } from 'react-router';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { PersonDetail } from '../../../../shared/schemas/persons';
import { formatDateTime } from '../../../../shared/dates';
import { currentLanguage } from '../../../i18n';
import { useCanWrite } from '../../../components/access';
import { dateOrMonthText, valueLabel } from '../../../components/labels';
import { READERS } from '../../../../shared/roles';
import { useSession } from '../../../state';

interface Fact {
  label: string;
  value: string;
  wide?: boolean;
  /** The value is a link to this route (a linked record). */
  to?: string;
}

function Facts({ title, facts }: { title: string; facts: Fact[] }) {
  const { t } = useTranslation();
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        {title}
      </Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(3, 1fr)' }, gap: 2, m: 0 }}>
        {facts.map((f) => (
          <Box key={f.label} sx={f.wide ? { gridColumn: '1 / -1' } : undefined}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {f.label}
            </Typography>
            <Typography component="dd" sx={{ m: 0, fontSize: '1.05rem', whiteSpace: 'pre-wrap', color: f.value ? 'text.primary' : 'text.disabled' }}>
              {f.value && f.to ? (
                <Link component={RouterLink} to={f.to}>
                  {f.value}
                </Link>
              ) : (
                f.value || t('persons.detail.notFilled')
              )}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** Every field of the person, in the same groups as the form. */
export function BasicInfoTab({ detail }: { detail: PersonDetail }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  // Grid workers have no 原工作单位 section, so for them the unit is plain text.
  const seesUnits = READERS.includes(useSession().user.role);
  const p = detail.person;
  const f = (key: string) => t(`persons.fields.${key}`);
  return (
    <Box>
      {canWrite ? (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', mb: -4 }}>
          <Button startIcon={<EditIcon />} component={RouterLink} to={`/persons/${p.id}/edit`}>
            {t('persons.actions.edit')}
          </Button>
        </Box>
      ) : null}
      <Facts
        title={t('persons.form.sections.basic')}
        facts={[
          { label: f('name'), value: p.name },
          { label: f('gender'), value: valueLabel('gender', p.gender) },
          { label: f('birthDate'), value: p.birthDate },
          ...(p.lunarBirthday ? [{ label: f('lunarBirthday'), value: lunarBirthdayText(p.lunarBirthday) }] : []),
          { label: f('age'), value: t('persons.detail.age', { age: p.age }) },
          { label: f('idNumber'), value: p.idNumber },
          { label: f('ethnicity'), value: p.ethnicity },
          { label: f('phones'), value: p.phones.join('、') },
        ]}
      />
      <Divider sx={{ mb: 2 }} />
      <Facts
        title={t('persons.form.sections.retirement')}
        facts={[
          { label: f('retirementType'), value: valueLabel('retirementType', p.retirementType) },
          { label: f('retirementDate'), value: dateOrMonthText(p.retirementDate) },
          { label: f('politicalStatus'), value: valueLabel('politicalStatus', p.politicalStatus) },
          { label: f('originalUnit'), value: p.originalUnit, ...(p.unitId && seesUnits ? { to: `/units/${p.unitId}` } : {}) },
          { label: f('unitLevel'), value: valueLabel('unitLevel', p.unitLevel) },
          { label: f('unitKind'), value: p.unitKind ? valueLabel('unitKind', p.unitKind) : t('persons.form.unitKindNone') },
          { label: f('formerPosition'), value: p.formerPosition },
          { label: f('rank'), value: p.rank },
        ]}
      />
      <Divider sx={{ mb: 2 }} />
      <Facts
        title={t('persons.form.sections.living')}
        facts={[
          { label: f('livingSituation'), value: valueLabel('livingSituation', p.livingSituation) },
          { label: f('community'), value: p.community },
          { label: f('grid'), value: p.grid },
          { label: f('address'), value: p.address, wide: true },
          { label: f('householdRegistration'), value: p.householdRegistration, wide: true },
        ]}
      />
      <Divider sx={{ mb: 2 }} />
      <Facts
        title={t('persons.form.sections.notes')}
        facts={[
          { label: f('notes'), value: p.notes, wide: true },
          { label: f('createdAt'), value: formatDateTime(p.createdAt, currentLanguage()) },
          { label: f('updatedAt'), value: formatDateTime(p.updatedAt, currentLanguage()) },
        ]}
      />
      {detail.statusEvents.length > 0 ? (
        <Box component="section">
          <Divider sx={{ mb: 2 }} />
          <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
            {t('persons.detail.statusEvents')}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {detail.statusEvents.map((e) => (
              <li key={e.id}>
                <Typography>
                  {t('persons.detail.statusEventLine', { date: e.date, status: valueLabel('status', e.status) })}
                  {e.destination ? ` · ${t('persons.detail.destination', { destination: e.destination })}` : ''}
                  {e.note ? ` · ${e.note}` : ''}
                </Typography>
              </li>
            ))}
          </Box>
        </Box>
      ) : null}
    </Box>
  );
}
