import { useState } from 'react';

/**
 * The last non-null value: a dialog opened for a record keeps showing it while it fades out after
 * the record was cleared, instead of flashing empty text.
 */
export function useSticky<T>(value: T | null): T | null {
  const [kept, setKept] = useState<T | null>(value);
  if (value !== null && value !== kept) setKept(value);
  return value ?? kept;
}
