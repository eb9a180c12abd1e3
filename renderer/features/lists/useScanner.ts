/**
 * A USB barcode scanner is a keyboard to the computer: it types the code, a few milliseconds a key,
 * and ends with Enter. Wherever the focus is on the page, a burst that starts like one of our codes
 * (shared/listCodes.ts: "CC1:…") is caught before it reaches the focused box (a 1 typed into a
 * result box would choose 已走访) and handed over on Enter.
 *
 * A person typing a "c" is not delayed by more than the pause that tells them apart from a scanner:
 * the held keys are typed into the focused box as soon as the burst stops looking like a code.
 * With a Chinese input method composing, keys belong to it (key "Process") and are left alone.
 */
import { useEffect, useRef } from 'react';

/**
 * Longest pause between two keys of a scan. A scanner types a key every few milliseconds, but a busy
 * computer may deliver them in bursts; a person typing "c" waits at most PREFIX_GAP_MS for it. Once
 * the keys have spelt "CC1:" (no person types that), the rest may take longer.
 */
const PREFIX_GAP_MS = 300;
const BODY_GAP_MS = 1000;

/** What a code typed so far may look like: C, CC, CC1, CC1:… (either case; Caps Lock inverts a scanner's letters). */
function couldBeCode(text: string): boolean {
  return /^C(C(\d+(:[0-9A-Z:-]*)?)?)?$/i.test(text);
}

function gapAfter(held: string): number {
  return /^CC\d+:/i.test(held) ? BODY_GAP_MS : PREFIX_GAP_MS;
}

function isComplete(text: string): boolean {
  return /^CC\d+:./i.test(text);
}

/** Types held keys into the focused text box as if they had never been held. */
function typeInto(text: string): void {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && /^(text|search|tel|url|email|number|)$/.test(el.type))) {
    // execCommand is what makes the browser fire the input events React listens to.
    document.execCommand('insertText', false, text);
  }
}

/** Calls `onScan` with what a scanner typed, while `enabled`. */
export function useScanner(onScan: (text: string) => void, enabled = true): void {
  const handler = useRef(onScan);
  handler.current = onScan;

  useEffect(() => {
    if (!enabled) return;
    let held = '';
    let lastAt = 0;
    let timer: number | undefined;
    const release = () => {
      window.clearTimeout(timer);
      timer = undefined;
      const text = held;
      held = '';
      if (text !== '') typeInto(text);
    };
    const swallow = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing || e.key === 'Process') return;
      if (e.key === 'Shift' || e.key === 'CapsLock') return;
      // When the key was pressed, not when the page got round to it: a page busy drawing must not
      // split one scan into pieces.
      const now = e.timeStamp;
      if (held !== '' && now - lastAt > gapAfter(held)) release();
      if (e.ctrlKey || e.altKey || e.metaKey) {
        release();
        return;
      }
      if (e.key === 'Enter' && held !== '') {
        if (isComplete(held)) {
          swallow(e);
          const text = held;
          held = '';
          window.clearTimeout(timer);
          handler.current(text);
        } else release();
        return;
      }
      if (e.key.length !== 1) {
        release();
        return;
      }
      if (couldBeCode(held + e.key)) {
        swallow(e);
        held += e.key;
        lastAt = now;
        window.clearTimeout(timer);
        timer = window.setTimeout(release, gapAfter(held));
        return;
      }
      // Not a code after all: what was held goes in first, then this key as typed.
      release();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.clearTimeout(timer);
    };
  }, [enabled]);
}
