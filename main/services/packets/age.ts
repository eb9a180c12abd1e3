/**
 * The age library, loaded when a packet is first read or written rather than with the services:
 * loading it precomputes its elliptic-curve tables (tens of milliseconds), which browser mode's
 * first answer and every CLI command that never touches a packet should not wait for.
 */
type Age = typeof import('age-encryption');

let loading: Promise<Age> | undefined;

export function loadAge(): Promise<Age> {
  loading ??= import('age-encryption');
  return loading;
}
