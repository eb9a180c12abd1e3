/**
 * The 档案 section: the list at /persons, a person at /persons/:id, the forms and the import
 * wizard. Readers who follow a link to a writing page land on the list.
 */
import { Navigate, Route, Routes } from 'react-router';
import { useCanWrite } from '../../components/access';
import { PersonListPage } from './list/PersonListPage';
import { PersonFormPage } from './form/PersonFormPage';
import { PersonDetailPage } from './detail/PersonDetailPage';
import { ImportWizard } from './import/ImportWizard';

export function PersonsSection() {
  const canWrite = useCanWrite();
  const toList = <Navigate to="/persons" replace />;
  return (
    <Routes>
      <Route index element={<PersonListPage />} />
      <Route path="new" element={canWrite ? <PersonFormPage /> : toList} />
      <Route path="import" element={canWrite ? <ImportWizard /> : toList} />
      <Route path=":id" element={<PersonDetailPage />} />
      <Route path=":id/edit" element={canWrite ? <PersonFormPage /> : toList} />
      <Route path="*" element={toList} />
    </Routes>
  );
}
