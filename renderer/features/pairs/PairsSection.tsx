/** 结对帮扶: the list (/pairs) and one pair with its contacts (/pairs/:id). */
import { Navigate, Route, Routes } from 'react-router';
import { PairDetailPage } from './PairDetailPage';
import { PairListPage } from './PairListPage';

export function PairsSection() {
  return (
    <Routes>
      <Route index element={<PairListPage />} />
      <Route path=":id" element={<PairDetailPage />} />
      <Route path="*" element={<Navigate to="/pairs" replace />} />
    </Routes>
  );
}
