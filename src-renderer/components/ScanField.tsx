import { Loader, TextInput, type TextInputProps } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import classes from './ScanField.module.css';
import { scanBeep } from './scanBeep';

export type ScanOutcome = { ok: true; message?: ReactNode } | { ok: false; message: ReactNode };

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

type Flash = 'ok-a' | 'ok-b' | 'error-a' | 'error-b' | undefined;

/**
 * The field a keyboard-wedge scanner types into: digits, then Enter. The field clears at once so
 * a second scan can follow before the first lookup has answered; each code is looked up in order.
 * Feedback is colour, a message under the field and a beep, since the clerk is looking at the box.
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
  onKeyDown,
  ...rest
}: ScanFieldProps) {
  const [value, setValue] = useState('');
  const [pending, setPending] = useState(0);
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [flash, setFlash] = useState<Flash>(undefined);
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
      setValue((v) => v + event.key);
    };
    window.addEventListener('keydown', onWindowKey);
    return () => window.removeEventListener('keydown', onWindowKey);
  }, [captureStrayKeys]);

  const lastSubmitAt = useRef(0);

  useEffect(() => {
    setOutcome(null);
    setFlash(undefined);
  }, [resetSignal]);

  const submit = (code: string) => {
    lastSubmitAt.current = Date.now();
    setPending((n) => n + 1);
    queue.current = queue.current.then(async () => {
      let result: ScanOutcome;
      try {
        result = await onScanRef.current(code);
      } catch {
        result = { ok: false, message: code };
      }
      setOutcome(result);
      setFlash((previous) => {
        const kind = result.ok ? 'ok' : 'error';
        return previous === `${kind}-a` ? `${kind}-b` : `${kind}-a`;
      });
      if (withBeep) scanBeep(result.ok ? 'ok' : 'error');
      setPending((n) => n - 1);
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
      value={value}
      data-flash={flash}
      classNames={{ input: classes.input, success: classes.success, error: classes.error, ...(classNames as object) }}
      leftSection={<IconBarcode size={22} stroke={1.6} />}
      rightSection={pending > 0 ? <Loader size="sm" /> : undefined}
      error={outcome && !outcome.ok ? outcome.message : undefined}
      success={outcome?.ok && outcome.message ? outcome.message : undefined}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        if (outcome && !outcome.ok) setOutcome(null);
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
        const code = value.trim();
        setValue('');
        // Scanners set to send CR+LF press Enter twice; the second one is not a request.
        if (code !== '') submit(code);
        else if (Date.now() - lastSubmitAt.current > 300) onEmptyEnter?.();
      }}
    />
  );
}
