import { Loader, TextInput, type TextInputProps } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import classes from './ScanField.module.css';
import { scanBeep } from './scanBeep';

export type ScanOutcome =
  | {
      ok: true;
      message?: ReactNode;
      /**
       * A scan shown before the server has answered it: the field moves on to the next scan at
       * once, and a refusal that comes later (resolved to a failure) is shown and sounded then,
       * as a refused scan is. Resolves to null when the scan stands.
       */
      settled?: Promise<ScanOutcome | null>;
    }
  | { ok: false; message: ReactNode };

export interface ScanFieldProps
  extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'error' | 'success' | 'ref'> {
  /** Called once per Enter with the trimmed code; scans are handled one at a time, in order. */
  onScan: (code: string) => Promise<ScanOutcome> | ScanOutcome;
  /** Called when Enter is pressed on an empty field (e.g. to jump to the first unfinished input). */
  onEmptyEnter?: () => void;
  /** A global key that puts the cursor back in the scan field. @default 'F2' */
  focusKey?: string | null;
  /**
   * Keys typed while nothing editable has focus (after a click on a button, say) go to the scan
   * field, so a scan is never lost. @default true
   */
  captureStrayKeys?: boolean;
  /** Audible feedback on each scan. @default true */
  withBeep?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Change it (e.g. after a document is posted) to clear the last scan's message. */
  resetSignal?: unknown;
}

type Flash = 'ok' | 'error';

const flashMs: Record<Flash, number> = { ok: 900, error: 1200 };

/** A scan answered sooner than this shows no spinner: one that flickers for a frame is noise, and costs the frame. */
const spinnerDelayMs = 250;

/** An outcome that shows nothing under the field (a plain success). */
const silent = (outcome: ScanOutcome | null) => outcome === null || (outcome.ok && !outcome.message);

/**
 * The field a keyboard-wedge scanner types into: digits, then Enter. The field clears at once so
 * a second scan can follow before the first lookup has answered; each code is looked up in order.
 * Feedback is colour, a message under the field and a beep, since the clerk is looking at the box.
 *
 * The input is uncontrolled and the flash is set on the DOM: a scanner types a dozen keys in a
 * few milliseconds and every scan answers, and none of that needs React to draw the field again.
 * React draws it only when the message under it or the spinner of a slow answer changes.
 */
export function ScanField({
  onScan,
  onEmptyEnter,
  focusKey = 'F2',
  withBeep = true,
  captureStrayKeys = true,
  inputRef,
  resetSignal,
  size = 'lg',
  classNames,
  wrapperProps,
  onKeyDown,
  ...rest
}: ScanFieldProps) {
  const [slow, setSlow] = useState(false);
  const [outcome, setOutcomeState] = useState<ScanOutcome | null>(null);
  const outcomeRef = useRef<ScanOutcome | null>(null);
  const pending = useRef(0);
  const slowTimer = useRef<number | undefined>(undefined);
  const flash = useRef<Flash | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const ownRef = useRef<HTMLInputElement | null>(null);
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  const setRefs = useCallback(
    (node: HTMLInputElement | null) => {
      ownRef.current = node;
      if (typeof inputRef === 'function') inputRef(node);
      else if (inputRef) inputRef.current = node;
    },
    [inputRef],
  );

  /** Only a change of what shows under the field draws it again. */
  const setOutcome = useCallback((next: ScanOutcome | null) => {
    const previous = outcomeRef.current;
    outcomeRef.current = next;
    if (silent(previous) && silent(next)) return;
    setOutcomeState(next);
  }, []);

  const flashFrame = useRef<number | undefined>(undefined);

  /**
   * Colours the field's wrapper (it holds the tint, see ScanField.module.css) and fades the tint
   * out, from the next frame: starting an animation makes the browser compute style and layout
   * at once, which in the task that received the answer would hold back the frame showing it.
   */
  const showFlash = useCallback((next: Flash | undefined) => {
    flash.current = next;
    if (flashFrame.current !== undefined) cancelAnimationFrame(flashFrame.current);
    flashFrame.current = requestAnimationFrame(() => {
      flashFrame.current = undefined;
      const wrapper = ownRef.current?.closest<HTMLElement>(`.${classes.wrapper}`);
      if (!wrapper) return;
      if (!next) {
        delete wrapper.dataset.flash;
        return;
      }
      wrapper.dataset.flash = next;
      // A new animation each time, so a second scan of the same outcome flashes again.
      if (typeof wrapper.animate === 'function') {
        wrapper.animate({ opacity: [1, 0] }, { duration: flashMs[next], easing: 'ease-out', pseudoElement: '::after' });
      }
    });
  }, []);

  useEffect(() => () => {
    if (flashFrame.current !== undefined) cancelAnimationFrame(flashFrame.current);
  }, []);

  useEffect(() => {
    if (!focusKey) return undefined;
    const onWindowKey = (event: KeyboardEvent) => {
      if (event.key === focusKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        ownRef.current?.focus();
        ownRef.current?.select();
      }
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, [focusKey]);

  useEffect(() => {
    if (!captureStrayKeys) return undefined;
    const onWindowKey = (event: KeyboardEvent) => {
      const input = ownRef.current;
      if (!input || input.disabled || event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key.length !== 1 || event.key === ' ' || event.isComposing) return;
      const active = document.activeElement;
      if (active instanceof HTMLElement) {
        if (active.isContentEditable || active.closest('input, textarea, select, [role="dialog"], [role="listbox"]')) return;
      }
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      event.preventDefault();
      input.focus();
      input.value += event.key;
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, [captureStrayKeys]);

  useEffect(() => () => window.clearTimeout(slowTimer.current), []);

  const lastSubmitAt = useRef(0);

  useEffect(() => {
    setOutcome(null);
    showFlash(undefined);
  }, [resetSignal, setOutcome, showFlash]);

  const submit = (code: string) => {
    lastSubmitAt.current = Date.now();
    if (pending.current++ === 0) slowTimer.current = window.setTimeout(() => setSlow(true), spinnerDelayMs);
    queue.current = queue.current.then(async () => {
      let result: ScanOutcome;
      try {
        result = await onScanRef.current(code);
      } catch {
        result = { ok: false, message: code };
      }
      setOutcome(result);
      showFlash(result.ok ? 'ok' : 'error');
      if (withBeep) scanBeep(result.ok ? 'ok' : 'error');
      if (result.ok && result.settled) {
        void result.settled.then((late) => {
          if (!late || late.ok) return;
          setOutcome(late);
          showFlash('error');
          if (withBeep) scanBeep('error');
        });
      }
      if (--pending.current === 0) {
        window.clearTimeout(slowTimer.current);
        setSlow(false);
      }
    });
  };

  return (
    <TextInput
      size={size}
      autoComplete="off"
      spellCheck={false}
      data-testid="scan-input"
      {...rest}
      ref={setRefs}
      classNames={{ input: classes.input, wrapper: classes.wrapper, success: classes.success, error: classes.error, ...(classNames as object) }}
      wrapperProps={{ ...wrapperProps, 'data-flash': flash.current }}
      leftSection={<IconBarcode size={22} stroke={1.6} />}
      rightSection={slow ? <Loader size="sm" /> : undefined}
      error={outcome && !outcome.ok ? outcome.message : undefined}
      success={outcome?.ok && outcome.message ? outcome.message : undefined}
      onChange={() => {
        if (outcomeRef.current && !outcomeRef.current.ok) setOutcome(null);
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.defaultPrevented) return;
        if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
        // Ctrl+Enter is the screen's post / confirm shortcut, not a scan: let it through.
        if (event.ctrlKey || event.metaKey) return;
        event.preventDefault();
        // Stop here: the scan's Enter must not also move focus or submit a surrounding form.
        event.stopPropagation();
        const input = event.currentTarget;
        const code = input.value.trim();
        input.value = '';
        // Scanners set to send CR+LF press Enter twice; the second one is not a request.
        if (code !== '') submit(code);
        else if (Date.now() - lastSubmitAt.current > 300) onEmptyEnter?.();
      }}
    />
  );
}
