/**
 * Failures of the disk rather than of the app: a full disk, a read-only database file or data
 * folder. They are expected on real machines, so they get their own codes and plain messages
 * instead of INTERNAL and a stack. Whatever was being written rolls back with its transaction.
 */
import path from 'node:path';
import { AppError } from '../../shared/errors';

const DISK_FULL_MESSAGE = 'The disk is full, so nothing was saved. Free some disk space and try again.';
const READ_ONLY_MESSAGE = 'The data files are read-only, so nothing was saved. Check that the data folder may be written to.';

function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(child));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The AppError a disk failure stands for, or null for any other error. Permission errors count
 * only on the data folder (or on the way to it): refused elsewhere, a file is not "the data".
 */
export function storageError(err: unknown, dataDir: string): AppError | null {
  if (!(err instanceof Error)) return null;
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', DISK_FULL_MESSAGE, { cause: code });
  }
  // SQLITE_READONLY and its variants (_DBMOVED, _DIRECTORY, _CANTLOCK, ...).
  if (code.startsWith('SQLITE_READONLY')) return new AppError('DATA_READ_ONLY', READ_ONLY_MESSAGE, { cause: code });
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    const file = (err as NodeJS.ErrnoException).path;
    if (typeof file === 'string' && (isWithin(file, dataDir) || isWithin(dataDir, file))) {
      return new AppError('DATA_READ_ONLY', READ_ONLY_MESSAGE, { cause: code });
    }
  }
  return null;
}
