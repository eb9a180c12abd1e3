/** 来电来访登记: the log (/calls). */
import { Navigate, Route, Routes } from 'react-router';
import { CallListPage } from './CallListPage';

export function CallsSection() {
  return (
    <Routes>
      <Route index element={<CallListPage />} />
      <Route path="*" element={<Navigate to="/calls" replace />} />
    </Routes>
  );
}
