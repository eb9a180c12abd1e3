/**
 * 原工作单位: the units (/units), matching the typed units of the registry to them (/units/match, staff
 * and admins) and one unit with its retirees and the feedback to it (/units/:id).
 */
import { Navigate, Route, Routes } from 'react-router';
import { useCanWrite } from '../../components/access';
import { MatchPage } from './MatchPage';
import { UnitDetailPage } from './UnitDetailPage';
import { UnitListPage } from './UnitListPage';

export function UnitsSection() {
  const canWrite = useCanWrite();
  const toList = <Navigate to="/units" replace />;
  return (
    <Routes>
      <Route index element={<UnitListPage />} />
      <Route path="match" element={canWrite ? <MatchPage /> : toList} />
      <Route path=":id" element={<UnitDetailPage />} />
      <Route path="*" element={toList} />
    </Routes>
  );
}
