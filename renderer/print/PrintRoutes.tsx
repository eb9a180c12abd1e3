/** The print layouts, rendered without the shell: #/print/visit-list/:listNo and #/print/service-cards/:listNo, #/print/key-card, #/print/unit-feedback/:unitId?from=&to=, and the statistics' lists, forms and work summaries (ReportPrints.tsx) and an indicator's 分项 (BreakdownPrint.tsx) and the county bureau's roll-up, 催报 list and scorecard (CountyPrints.tsx), a filled capability assessment form (#/print/capability/:id) and the duty log of calls of a day (#/print/calls-day/:date). */
import { Navigate, Route, Routes } from 'react-router';
import { KeyCardPrint } from './KeyCardPrint';
import { ServiceCardsPrint } from './ServiceCardsPrint';
import { VisitListPrint } from './VisitListPrint';
import { UnitFeedbackPrint } from './UnitFeedbackPrint';
import { ReportDrillPrint, ReportFormPrint, WorkSummaryPrint } from './ReportPrints';
import { BreakdownPrint } from './BreakdownPrint';
import { CountyBoardPrint, CountyRemindPrint, CountyRollupPrint, CountyScorecardPrint } from './CountyPrints';
import { CapabilityPrint } from './CapabilityPrint';
import { CallsDayPrint } from './CallsDayPrint';

export function PrintRoutes() {
  return (
    <Routes>
      <Route path="visit-list/:listNo" element={<VisitListPrint />} />
      <Route path="service-cards/:listNo" element={<ServiceCardsPrint />} />
      <Route path="key-card" element={<KeyCardPrint />} />
      <Route path="unit-feedback/:unitId" element={<UnitFeedbackPrint />} />
      <Route path="report-drill" element={<ReportDrillPrint />} />
      <Route path="report-breakdown" element={<BreakdownPrint />} />
      <Route path="report-form/:form/:period" element={<ReportFormPrint />} />
      <Route path="work-summary/:period" element={<WorkSummaryPrint />} />
      <Route path="county-rollup/:period" element={<CountyRollupPrint />} />
      <Route path="county-remind" element={<CountyRemindPrint />} />
      <Route path="county-board" element={<CountyBoardPrint />} />
      <Route path="county-scorecard/:year" element={<CountyScorecardPrint />} />
      <Route path="capability/:id" element={<CapabilityPrint />} />
      <Route path="calls-day/:date" element={<CallsDayPrint />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
