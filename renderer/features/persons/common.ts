/** The person list's search and filters as last shown, so "back to the list" returns to the same view. */
const LAST_LIST_KEY = 'cadrecare.persons.lastList';

export function rememberListSearch(search: string): void {
  try {
    sessionStorage.setItem(LAST_LIST_KEY, search);
  } catch {
    // Without storage the list simply opens unfiltered.
  }
}

export function listPath(): string {
  try {
    const search = sessionStorage.getItem(LAST_LIST_KEY);
    return search ? `/persons?${search}` : '/persons';
  } catch {
    return '/persons';
  }
}
