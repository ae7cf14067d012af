import { useCallback, useEffect, useRef, type KeyboardEvent, type RefObject } from 'react';

/**
 * Keyboard flow through a lines grid (document forms, order entry), for clerks who keep one hand on the scanner: Enter moves
 * to the next field of the line (inputs marked `data-nav="<order>"` and `data-line="<key>"`),
 * and from the line's last field back to the scan field, ready for the next product. A
 * dropdown that uses Enter itself keeps it.
 */
export function useLineNavigation<F extends string = string>(scanRef: RefObject<HTMLInputElement | null>) {
  const containerRef = useRef<HTMLDivElement | null>(null);

  const focusField = useCallback((key: string, field: F) => {
    // Wait a frame: the line may have been added in this same event and not rendered yet.
    requestAnimationFrame(() => {
      const el = containerRef.current?.querySelector<HTMLElement>(`[data-line="${key}"][data-field="${field}"]`);
      if (!el) return;
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
    });
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== 'Enter' || event.defaultPrevented || event.nativeEvent.isComposing) return;
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
      const target = event.target as HTMLElement;
      if (!target.hasAttribute('data-nav') || target.hasAttribute('data-expanded')) return;
      // Within a line, fields are visited in their data-nav order; after the last, back to scanning.
      const line = target.dataset.line;
      const order = (el: HTMLElement) => Number(el.dataset.nav) || 0;
      const fields = [...(containerRef.current?.querySelectorAll<HTMLElement>('[data-nav]') ?? [])]
        .filter((el) => el.dataset.line === line && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0)
        .sort((a, b) => order(a) - order(b));
      const next = fields.find((el) => order(el) > order(target));
      event.preventDefault();
      if (next) {
        next.focus();
        if (next instanceof HTMLInputElement) next.select();
      } else {
        scanRef.current?.focus();
      }
    },
    [scanRef],
  );

  return { containerRef, focusField, onKeyDown };
}

/** Ctrl+Enter (⌘+Enter) posts the form from anywhere on the screen. */
export function usePostShortcut(post: () => void) {
  const postRef = useRef(post);
  postRef.current = post;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        // A confirmation dialog on top owns the keyboard.
        if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
        event.preventDefault();
        postRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
