/**
 * Full text on hover for whatever a table cut: a grid cell, a table cell, a chip or a header that ends
 * in "…" shows its whole text in a tooltip while the pointer is on it. One listener for the whole
 * page, so every list, present and future, gets it without a line of its own.
 */
import { useEffect, useState } from 'react';
import Popper from '@mui/material/Popper';
import Box from '@mui/material/Box';

/** The elements whose text may be cut: a grid cell or header, a table cell, a chip. */
const CUTTABLE = '.MuiDataGrid-cell, .MuiDataGrid-columnHeaderTitle, .MuiTableCell-root, .MuiChip-root';

/** Whether the element, or a visible element inside it, shows less than its text (ellipsis, hidden overflow). */
export function isCut(element: Element): boolean {
  const candidates = [element, ...Array.from(element.querySelectorAll('*')).slice(0, 40)];
  return candidates.some(
    (e) => e instanceof HTMLElement && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).visibility !== 'hidden',
  );
}

/** The innermost cut element at the pointer (a chip before its cell), with its whole text. */
function cutAt(target: EventTarget | null): Shown | null {
  let element = target instanceof Element ? target.closest(CUTTABLE) : null;
  while (element) {
    if (isCut(element)) {
      const text = (element instanceof HTMLElement ? element.innerText : (element.textContent ?? '')).replace(/\s+/g, ' ').trim();
      if (text !== '') return { anchor: element, text };
    }
    element = element.parentElement?.closest(CUTTABLE) ?? null;
  }
  return null;
}

/** The cut element under the pointer and its whole text. */
interface Shown {
  anchor: Element;
  text: string;
}

export function OverflowTooltip() {
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    const over = (event: MouseEvent) => {
      const next = cutAt(event.target);
      setShown((current) => (current && next && current.anchor === next.anchor ? current : next));
    };
    const leave = () => setShown(null);
    document.addEventListener('mouseover', over);
    document.documentElement.addEventListener('mouseleave', leave);
    return () => {
      document.removeEventListener('mouseover', over);
      document.documentElement.removeEventListener('mouseleave', leave);
    };
  }, []);

  // A row that went away (a new page of the list) takes its tooltip with it.
  const open = shown !== null && shown.anchor.isConnected;
  return (
    <Popper open={open} anchorEl={open ? shown.anchor : null} placement="bottom-start" sx={{ zIndex: 'tooltip', pointerEvents: 'none' }}>
      <Box
        role="tooltip"
        data-testid="overflow-tooltip"
        sx={{
          bgcolor: 'grey.800',
          color: 'common.white',
          typography: 'body2',
          px: 1,
          py: 0.5,
          borderRadius: 1,
          maxWidth: 480,
          overflowWrap: 'anywhere',
          boxShadow: 2,
        }}
      >
        {shown?.text}
      </Box>
    </Popper>
  );
}
