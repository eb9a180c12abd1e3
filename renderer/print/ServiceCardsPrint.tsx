/**
 * 爱心服务卡 on paper (#/print/service-cards/2026-11-0007): eight cards to an A4 page (2 × 4, each
 * 95 × 68 mm) with dashed cut lines; on each, the person's name, their responsible contact and
 * phone, the office hotline and its 24-hour number. Every page says which list it is and its number.
 */
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ServiceCard } from '../../shared/schemas/lists';
import { formatDateTime } from '../../shared/dates';
import { currentLanguage } from '../i18n';
import { request } from '../rpc';
import { careKeys } from '../components/queryKeys';
import { PrintFrame } from './PrintFrame';
import { CARDS_CSS } from './printCss';

export const CARDS_PER_PAGE = 8;

function Card({ card, officeName, hotline, hotline24h }: { card: ServiceCard; officeName: string; hotline: string; hotline24h: string }) {
  const { t } = useTranslation();
  const value = (v: string | null) => (v ? <span className="v">{v}</span> : <span className="blank" />);
  return (
    <div className="card">
      <div className="band">
        <span className="t">{t('print.cardTitle')}</span>
        <span className="o">{officeName}</span>
      </div>
      <div className="who">{t('print.cardWho', { name: card.name })}</div>
      <div className="line">
        <b>{t('print.cardContact')}</b>
        {value(card.contactName)}
        {card.contactPhone ? <span className="v">{card.contactPhone}</span> : null}
      </div>
      {card.backupName ? (
        <div className="line">
          <b>{t('print.cardBackup')}</b>
          <span>{card.backupName}</span>
          {card.backupPhone ? <span className="v">{card.backupPhone}</span> : null}
        </div>
      ) : null}
      <div className="line">
        <b>{t('print.cardHotline')}</b>
        {value(hotline || null)}
      </div>
      <div className="line">
        <b>{t('print.cardHotline24h')}</b>
        {value(hotline24h || null)}
      </div>
      <div className="foot">{t('print.cardFoot')}</div>
    </div>
  );
}

export function ServiceCardsPrint() {
  const { t } = useTranslation();
  const { listNo = '' } = useParams();
  const list = useQuery({ queryKey: careKeys.list(listNo), queryFn: () => request('lists.get', { listNo }) });
  const data = list.data;
  const wrongKind = data !== undefined && data.kind !== 'service_cards';
  const pages: ServiceCard[][] = [];
  for (let i = 0; i < (data?.cards.length ?? 0); i += CARDS_PER_PAGE) pages.push((data?.cards ?? []).slice(i, i + CARDS_PER_PAGE));

  return (
    <PrintFrame title={t('print.cardsTitle', { listNo })} css={CARDS_CSS} pageNumbers={false} ready={data !== undefined && !wrongKind} error={list.error ?? (wrongKind ? { code: 'NOT_FOUND' } : null)}>
      {data
        ? pages.map((cards, p) => (
            <div className="print-sheet cards" key={p}>
              <div className="cards-head">
                <span>
                  {data.officeName} · {t('print.cardsHeading')} · {t('print.listNo', { listNo: data.listNo })}
                </span>
                <span>{formatDateTime(data.printedAt, currentLanguage())}</span>
                <span>{t('print.pageOf', { page: p + 1, pages: pages.length })}</span>
              </div>
              <div className="cards-grid">
                {cards.map((card) => (
                  <Card key={card.personId} card={card} officeName={data.officeName} hotline={data.hotline} hotline24h={data.hotline24h} />
                ))}
              </div>
            </div>
          ))
        : null}
    </PrintFrame>
  );
}
