/** The print layouts, rendered without the shell: #/print/visit-list/:listNo and #/print/service-cards/:listNo, #/print/key-card, #/print/unit-feedback/:unitId?from=&to=. */
import { Navigate, Route, Routes } from 'react-router';
import { KeyCardPrint } from './KeyCardPrint';
import { ServiceCardsPrint } from './ServiceCardsPrint';
import { VisitListPrint } from './VisitListPrint';
import { UnitFeedbackPrint } from './UnitFeedbackPrint';

export function PrintRoutes() {
  return (
    <Routes>
      <Route path="visit-list/:listNo" element={<VisitListPrint />} />
      <Route path="service-cards/:listNo" element={<ServiceCardsPrint />} />
      <Route path="key-card" element={<KeyCardPrint />} />
      <Route path="unit-feedback/:unitId" element={<UnitFeedbackPrint />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
