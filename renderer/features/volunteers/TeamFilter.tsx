import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../components/ListPage';
import { useTeams } from './common';

/** The team filter of the volunteers' and the services' lists (全部 first, then every team). */
export function TeamFilter({ value, onChange, width }: { value: string; onChange: (teamId: string) => void; width: number }) {
  const { t } = useTranslation();
  const teams = useTeams();
  return (
    <FilterSelect
      label={t('volunteers.services.team')}
      value={value}
      onChange={onChange}
      anyLabel={t('volunteers.any')}
      options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
      sx={{ width }}
    />
  );
}
