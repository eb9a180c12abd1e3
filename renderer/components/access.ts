/**
 * Who may do what, as the renderer shows it (main checks every call anyway, so a renderer that skips
 * these gains nothing): the buttons and menus a role is offered.
 */
import { FIELD_WORKERS, READERS, WRITERS } from '../../shared/roles';
import { useSession } from '../state';

/** Staff and admins write: the registry, grids, assignments, requests, party, activities … */
export function useCanWrite(): boolean {
  const { user } = useSession();
  return WRITERS.includes(user.role);
}

/** Staff, admins and grid workers record visits, raise needs, print lists and enter results. */
export function useCanVisit(): boolean {
  const { user } = useSession();
  return FIELD_WORKERS.includes(user.role);
}

/** Everyone but grid workers may look at other users' caseloads (and list the users). */
export function useSeesOthers(): boolean {
  const { user } = useSession();
  return READERS.includes(user.role);
}
