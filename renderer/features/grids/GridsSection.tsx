/**
 * 网格与联系: the grids (/grids), one grid (/grids/:id), persons without a responsible contact
 * (/grids/unassigned) and moving a leaving worker's persons to another (/grids/transfer).
 */
import { Navigate, Route, Routes } from 'react-router';
import { useCanWrite, useSeesOthers } from '../../components/access';
import { GridListPage } from './GridListPage';
import { GridDetailPage } from './GridDetailPage';
import { UnassignedPage } from './UnassignedPage';
import { TransferPage } from './TransferPage';

export function GridsSection() {
  const canManage = useCanWrite();
  const seesOthers = useSeesOthers();
  const toList = <Navigate to="/grids" replace />;
  return (
    <Routes>
      <Route index element={<GridListPage />} />
      <Route path="unassigned" element={seesOthers ? <UnassignedPage /> : toList} />
      <Route path="transfer" element={canManage ? <TransferPage /> : toList} />
      <Route path=":id" element={<GridDetailPage />} />
      <Route path="*" element={toList} />
    </Routes>
  );
}
