/**
 * One person (/persons/:id): a header with who they are and what needs attention, then tabs for
 * the basic details, care (contacts, visits, requests), the health archive, family contacts and the
 * change history.
 */
import { useSearchParams, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useTranslation } from 'react-i18next';
import { BackButton, DetailFallback } from '../../../components/DetailFallback';
import { request } from '../../../rpc';
import { listPath } from '../common';
import { personKeys } from '../../../components/queryKeys';
import { BasicInfoTab } from './BasicInfoTab';
import { CareTab } from './CareTab';
import { FamilySection } from './FamilySection';
import { HealthTab } from './HealthTab';
import { HistorySection } from './HistorySection';
import { PersonHeader } from './PersonHeader';
import { ParticipationTab } from './ParticipationTab';
import { useSession } from '../../../state';
import { READERS } from '../../../../shared/roles';

const TABS = ['basic', 'care', 'health', 'family', 'participation', 'history'] as const;
type TabId = (typeof TABS)[number];

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const tab: TabId = (TABS as readonly string[]).includes(sp.get('tab') ?? '') ? (sp.get('tab') as TabId) : 'basic';
  // Party, activities, volunteering and pairs are office-wide records: grid workers do not read them.
  const { user } = useSession();
  const showParticipation = user !== null && READERS.includes(user.role);
  const tabs = TABS.filter((id) => id !== 'participation' || showParticipation);
  const detail = useQuery({ queryKey: personKeys.detail(id), queryFn: () => request('persons.get', { id }) });

  const back = <BackButton to={listPath()} label={t('persons.actions.backToList')} />;

  if (detail.error || !detail.data) return <DetailFallback back={back} error={detail.error} maxWidth={1200} />;
  const data = detail.data;
  return (
    <Box sx={{ maxWidth: 1200 }}>
      {back}
      <PersonHeader detail={data} />
      <Paper variant="outlined" sx={{ mt: 2 }}>
        <Tabs
          value={tab}
          onChange={(_e, next: TabId) => setSp(next === 'basic' ? {} : { tab: next }, { replace: true })}
          variant="scrollable"
          allowScrollButtonsMobile
          sx={{ borderBottom: 1, borderColor: 'divider', px: 1 }}
        >
          {tabs.map((id) => (
            <Tab key={id} value={id} label={t(`persons.detail.tabs.${id}`)} id={`person-tab-${id}`} aria-controls={`person-tabpanel-${id}`} />
          ))}
        </Tabs>
        <Box role="tabpanel" id={`person-tabpanel-${tab}`} aria-labelledby={`person-tab-${tab}`} sx={{ p: { xs: 2, md: 3 } }}>
          {tab === 'basic' ? <BasicInfoTab detail={data} /> : null}
          {tab === 'care' ? <CareTab detail={data} /> : null}
          {tab === 'health' ? <HealthTab detail={data} /> : null}
          {tab === 'family' ? <FamilySection detail={data} /> : null}
          {tab === 'participation' && showParticipation ? <ParticipationTab personId={data.person.id} /> : null}
          {tab === 'history' ? <HistorySection personId={data.person.id} /> : null}
        </Box>
      </Paper>
    </Box>
  );
}
