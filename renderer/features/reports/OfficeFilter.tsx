/**
 * At the county bureau, the 报送单位 filter of a list (the offices whose records it holds); nothing
 * in a community office. The lists keep the chosen office in their own filter state.
 */
import { useTranslation } from 'react-i18next';
import { FilterSelect } from '../../components/ListPage';
import type { useCountyOffices } from './useCountyOffices';

export function OfficeFilter({ county, value, onChange, width = 160 }: { county: ReturnType<typeof useCountyOffices>; value: string; onChange: (office: string) => void; width?: number }) {
  const { t } = useTranslation();
  if (!county) return null;
  return (
    <FilterSelect
      label={t('persons.fields.originOffice')}
      value={value}
      onChange={onChange}
      anyLabel={t('persons.filters.any')}
      options={county.offices.map((o) => ({ value: o.id, label: o.label }))}
      sx={{ width }}
    />
  );
}
