/**
 * The Content-Security-Policy of every page of the renderer, in Electron (response header and
 * the <meta> in renderer/index.html) and in browser mode (response header).
 * Inline styles are allowed only because MUI (emotion) injects <style> tags; scripts come only
 * from the app itself.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
};

function policy(skip: readonly string[] = []): string {
  return Object.entries(CSP_DIRECTIVES)
    .filter(([name]) => !skip.includes(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY: string = policy();

/** Browsers ignore frame-ancestors in a <meta> policy; the header carries it. */
export const META_CONTENT_SECURITY_POLICY: string = policy(['frame-ancestors']);
