import { useCallback, useRef, useState } from 'react';
import { noProblems, type FormProblems, type LineField } from './formProblems';

/**
 * State shared by the document forms (receipt, adjustment): the lines — mirrored in a ref so a
 * scan answered after an await sees the lines as they are now, not as they were — the server's
 * field problems (each cleared as soon as its field is edited), the line to flash after a scan,
 * and the posting / failure state.
 */
export function useLinesForm<L extends { key: string }>() {
  const [lines, setLines] = useState<L[]>([]);
  const linesRef = useRef<L[]>(lines);
  const updateLines = useCallback((change: (previous: L[]) => L[]) => {
    const next = change(linesRef.current);
    linesRef.current = next;
    setLines(next);
  }, []);

  const [serverProblems, setServerProblems] = useState<FormProblems>(noProblems);
  const clearServerProblem = useCallback((key: string | null, field: string) => {
    setServerProblems((p) => {
      if (key === null) {
        if (!p.header[field]) return p;
        const header = { ...p.header };
        delete header[field];
        return { ...p, header };
      }
      const line = p.lines[key];
      if (!line?.[field as LineField]) return p;
      const rest = { ...line };
      delete rest[field as LineField];
      return { ...p, lines: { ...p.lines, [key]: rest } };
    });
  }, []);

  const [flash, setFlash] = useState<{ key: string; n: number } | null>(null);
  const flashOf = (key: string): 'a' | 'b' | undefined => (flash?.key === key ? (flash.n % 2 === 0 ? 'a' : 'b') : undefined);

  const [showValidation, setShowValidation] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [posting, setPosting] = useState(false);

  return {
    lines,
    linesRef,
    updateLines,
    serverProblems,
    setServerProblems,
    clearServerProblem,
    flashOf,
    flashLine: (key: string) => setFlash((f) => ({ key, n: (f?.n ?? 0) + 1 })),
    showValidation,
    setShowValidation,
    failure,
    setFailure,
    posting,
    setPosting,
  };
}
