import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../shared/security';

describe('renderer page policy', () => {
  it('index.html carries the same Content-Security-Policy as the headers (less frame-ancestors)', () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });

  it('index.html has no inline script (the policy would block it)', () => {
    const html = fs.readFileSync('renderer/index.html', 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
