import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { BarcodeHit, CountDetail, CountEntry, CountLineRow, CountRecorded, CountScanned, LotRow, ProductDetail, ProductRow, ProductUnit } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { errorCode, errorPayload } from '../../components/errors';
import type { ScanOutcome } from '../../components/ScanField';
import { readLotChoices, saveLotChoices, type LotChoice } from './countingMemory';
import { addScan, confirmScan, emptyScanState, isPending, keyOf, learn, lineKey, rollBack, shownLine, shownProgress, withMap, type ScanState } from './pendingScans';
import { foundLine, readScanMap, type ScanMap, type ScanProduct } from './scanMap';
import { classifyScanText, entryUnit, isQuantityText, resolveQuantity, type QuantityResolution } from './scanInput';
import type { CountingText } from './useCountingText';

/** What the big panel shows: the product of the last action, its unit and its line's new total. */
export interface LastAction {
  /** Rises with every shown result, so the panel can flash again for the same product. */
  seq: number;
  kind: 'scan' | 'corrected' | 'undone';
  /** '' while the scan is on its way to the ledger. */
  entryId: string;
  product: ScanProduct;
  /** The unit that was scanned (a case barcode answers the case). */
  unit: ProductUnit;
  line: CountLineRow;
  /** What this action changed, in base units (negative for an undo or a correction down). */
  delta: number;
  /** The last scan's own quantity in base units, which a typed quantity replaces; null after an undo. */
  scanQty: number | null;
  /** Shown ahead of the ledger's answer (the line is then the screen's reckoning, not yet the ledger's). */
  pending: boolean;
}

/** An action the panel can show: the newest one is shown, with its line as it stands now. */
interface ShownAction extends Omit<LastAction, 'seq' | 'line' | 'pending'> {
  /** The action's number in the order the clerk made it. */
  action: number;
  /** The panel's seq when it was first shown (it flashes once, not again when confirmed). */
  shown: number;
  key: string;
  /** The line as answered, when the screen's state no longer holds it. */
  line: CountLineRow;
}

/** How far back the panel can go when refused scans are taken back. */
const shownLimit = 50;

export type ScanMapStatus = 'loading' | 'ready' | 'failed';

export interface LotRequest {
  product: ProductDetail;
  /** The count's lines of this product (snapshot lots and lots found so far). */
  countLines: CountLineRow[];
  /** Lots of the product on hand in the counted warehouse. */
  onHand: LotRow[];
  current: LotChoice | undefined;
  resolve: (choice: LotChoice | null) => void;
}

export type Progress = CountRecorded['progress'];

/**
 * The last result, held outside React state: the panel subscribes to it (useSyncExternalStore),
 * so a scan's answer redraws the panel alone, at once, in the task that received it.
 */
export interface LastActionStore {
  get: () => LastAction | null;
  subscribe: (listener: () => void) => () => void;
}

function createLastActionStore(): LastActionStore & { set: (value: LastAction | null) => void } {
  let value: LastAction | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Runs `fn` once the browser has painted the next frame, so it does not hold that frame back;
 * within a short time in any case, since a hidden window paints no frames.
 */
function afterNextPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  requestAnimationFrame(() => window.setTimeout(run, 0));
  window.setTimeout(run, 250);
}

/** Other counters' entries are read this often, but never into a scan: a read falls due, then waits for a pause in scanning… */
const pollMs = 8000;
/** …this long without a scan (a read and its list's redraw would otherwise hold up the scan made meanwhile)… */
const scanPauseMs = 1500;
/** …or, for a clerk who never pauses, until this long since the last read (and no scan in flight). */
const pollPatienceMs = 30_000;

const lotErrors = new Set(['LOT_REQUIRED', 'EXPIRY_REQUIRED', 'LOT_NOT_FOUND', 'LOT_EXPIRY_MISMATCH', 'LOT_CODE_INVALID']);
const recentLimit = 40;
/** How many of the products whose lot this PC remembers are loaded ahead when the screen opens (the latest first). */
const rememberedAhead = 300;

function mergeEntries(fresh: readonly CountEntry[], current: readonly CountEntry[]): CountEntry[] {
  const seen = new Set<string>();
  const out: CountEntry[] = [];
  for (const e of [...fresh, ...current]) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).slice(0, recentLimit);
}

/**
 * The counting screen's work. With the count's barcode map loaded (counts.scanMap, once), a scan
 * of a barcode in it is shown at once — the line's total with the scans before it, the progress —
 * and then sent (counts.record), in the order scanned; the ledger's answer confirms the line, or
 * its refusal takes the scan back and says why. Anything else (a barcode not in the map, a typed
 * quantity, a lot still to choose, scans before the map is loaded) is shown when the ledger has
 * answered: one scan → (a cached barcode lookup) → one counts.record, in the same order.
 * Quantities typed into the scan field either wait for the next scan ("12*") or correct the last
 * one ("12"); lot-tracked products ask for their lot once and remember it.
 */
export function useCountingSession(options: {
  count: CountDetail;
  counter: string;
  text: CountingText;
  /** The count left 'counting' (submitted elsewhere): the screen becomes read-only. */
  onCountClosed: () => void;
}) {
  const { count, counter, text, onCountClosed } = options;
  const { t } = text;
  const api = getApi();
  const countId = count.id;

  const [lastStore] = useState(createLastActionStore);
  const [progress, setProgress] = useState<Progress>({ expectedLines: count.expectedLines, countedLines: count.countedLines, foundLines: count.foundLines });
  const [entries, setEntries] = useState<CountEntry[]>([]);
  const [entriesLoaded, setEntriesLoaded] = useState(false);
  const [entriesError, setEntriesError] = useState<unknown>(null);
  const [armed, setArmedState] = useState<string | null>(null);
  const armedRef = useRef<string | null>(null);
  const [lotRequest, setLotRequest] = useState<LotRequest | null>(null);
  const seq = useRef(0);

  const barcodes = useRef(new Map<string, BarcodeHit>());
  const products = useRef(new Map<string, ProductDetail>());
  const lots = useRef<Map<string, LotChoice>>(new Map());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const closedRef = useRef(onCountClosed);
  closedRef.current = onCountClosed;

  /** The lines as the ledger answered them plus the scans it has not answered yet (pendingScans.ts). */
  const scanState = useRef<ScanState | null>(null);
  scanState.current ??= emptyScanState({ expectedLines: count.expectedLines, countedLines: count.countedLines, foundLines: count.foundLines });
  const state = (): ScanState => scanState.current as ScanState;
  /** Actions are numbered as the clerk makes them; the ledger takes them in that order (serial). */
  const actionSeq = useRef(0);
  /** What the panel can show, oldest first: the last one is on screen. */
  const shown = useRef<ShownAction[]>([]);

  const scanMap = useRef<ScanMap | null>(null);
  const [scanMapStatus, setScanMapStatus] = useState<ScanMapStatus>('loading');
  const loadScanMap = useCallback(async () => {
    setScanMapStatus('loading');
    try {
      const map = readScanMap(await api['counts.scanMap']({ countId }));
      scanMap.current = map;
      scanState.current = withMap(state(), map.lines);
      setScanMapStatus('ready');
    } catch {
      // Scans go to the ledger first, as before the map: slower to show, the same to record.
      setScanMapStatus('failed');
    }
  }, [api, countId]);
  useEffect(() => {
    void loadScanMap();
  }, [loadScanMap]);

  // Back from a pause, the products whose lot this PC remembers are likely to be scanned again:
  // knowing their barcodes ahead makes such a scan one call (counts.record) with no lookup first.
  useEffect(() => {
    lots.current = readLotChoices(countId);
    const ids = [...lots.current.keys()].reverse().slice(0, rememberedAhead);
    let stopped = false;
    const loadNext = async (): Promise<void> => {
      for (let id = ids.shift(); id !== undefined && !stopped; id = ids.shift()) {
        if (products.current.has(id)) continue;
        try {
          const product = await api['products.get']({ id });
          if (stopped) return;
          products.current.set(product.id, product);
          for (const unit of product.units) if (unit.barcode && !barcodes.current.has(unit.barcode)) barcodes.current.set(unit.barcode, { product, unit });
        } catch {
          // Not found now: looked up when it is scanned, like any other barcode.
        }
      }
    };
    // Two at a time, so scans meanwhile do not wait behind them.
    void loadNext();
    void loadNext();
    return () => {
      stopped = true;
    };
  }, [api, countId]);

  /** The panel shows the newest action, with its line as the state has it now. */
  const paint = useCallback(() => {
    const top = shown.current[shown.current.length - 1];
    if (!top) {
      lastStore.set(null);
      return;
    }
    const { action, shown: shownSeq, key, line, ...rest } = top;
    lastStore.set({ ...rest, seq: shownSeq, line: shownLine(state(), key) ?? line, pending: isPending(state(), action) });
  }, [lastStore]);

  /** An action to show; one answered late goes under a newer one already on screen. */
  const present = useCallback(
    (action: Omit<ShownAction, 'shown'>) => {
      const list = shown.current;
      let at = list.length;
      while (at > 0 && (list[at - 1]?.action ?? 0) > action.action) at--;
      list.splice(at, 0, { ...action, shown: ++seq.current });
      if (list.length > shownLimit) list.shift();
      paint();
    },
    [paint],
  );

  /**
   * The progress strip and the entries list follow a result after the panel has shown it: the
   * clerk looks at the panel, and a scan must not wait for the rest of the screen to redraw. A
   * burst of results makes one update, with the newest progress.
   */
  const later = useRef<{ progress: Progress | null; entries: CountEntry[] } | null>(null);
  const followUp = useCallback((entry?: CountEntry) => {
    if (!later.current) {
      later.current = { progress: null, entries: [] };
      afterNextPaint(() => {
        const pending = later.current;
        later.current = null;
        if (!pending) return;
        startTransition(() => {
          if (pending.progress) setProgress(pending.progress);
          // A list read since is newer than these answers (an entry in it may be undone by now).
          if (pending.entries.length > 0) setEntries((current) => mergeEntries(current, pending.entries));
        });
      });
    }
    later.current.progress = shownProgress(state());
    if (entry) later.current.entries.push(entry);
  }, []);

  // A new counter starts fresh: "the last scan" a typed quantity corrects is always their own.
  useEffect(() => {
    shown.current = [];
    paint();
  }, [counter, paint]);

  const setArmed = useCallback((value: string | null) => {
    armedRef.current = value;
    setArmedState(value);
  }, []);

  /** Actions in flight and when the last one was made or answered: the entries' poll keeps out of their way. */
  const inFlight = useRef(0);
  const lastActionAt = useRef(0);

  /** Actions run one at a time, in the order the clerk made them; each gets its number as it is made. */
  const serial = useCallback(<T>(fn: (action: number) => Promise<T>): Promise<T> => {
    // No "busy" state here on purpose: a render of the screen before the request would delay it.
    const action = ++actionSeq.current;
    inFlight.current++;
    lastActionAt.current = Date.now();
    const step = () => fn(action);
    const run = queue.current.then(step, step).finally(() => {
      inFlight.current--;
      lastActionAt.current = Date.now();
    });
    queue.current = run.catch(() => undefined);
    return run;
  }, []);

  const [knownProducts, setKnownProducts] = useState(0);

  /** Entries show '+1箱' in the product's own units: fetch the few products this PC has not scanned. */
  const learnProducts = useCallback(
    async (ids: readonly string[]) => {
      const missing = [...new Set(ids)].filter((id) => !products.current.has(id) && !scanMap.current?.products.has(id));
      if (missing.length === 0) return;
      const found = await Promise.allSettled(missing.map((id) => api['products.get']({ id })));
      for (const r of found) if (r.status === 'fulfilled') products.current.set(r.value.id, r.value);
      setKnownProducts((n) => n + 1);
    },
    [api],
  );

  const loadEntries = useCallback(async () => {
    try {
      const fresh = await api['counts.entries']({ countId, limit: recentLimit });
      // Keep entries recorded here after the list was read; the list is the truth for the rest (undone flags).
      const newest = fresh[0]?.createdAt ?? 0;
      setEntries((current) => mergeEntries(fresh, current.filter((e) => e.createdAt > newest)));
      setEntriesError(null);
      void learnProducts(fresh.map((e) => e.productId));
    } catch (error) {
      setEntriesError(error);
    } finally {
      setEntriesLoaded(true);
    }
  }, [api, countId, learnProducts]);

  // Other counters' entries appear as they come (every few seconds, when scanning pauses, and when the window returns).
  useEffect(() => {
    void loadEntries();
    let readAt = Date.now();
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (document.visibilityState !== 'visible' || now - readAt < pollMs || inFlight.current > 0) return;
      if (now - lastActionAt.current < scanPauseMs && now - readAt < pollPatienceMs) return;
      readAt = now;
      void loadEntries();
    }, 500);
    const onFocus = () => void loadEntries();
    window.addEventListener('focus', onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [loadEntries]);

  const failure = useCallback(
    (error: unknown): ScanOutcome & { ok: false } => {
      if (errorCode(error) === 'COUNT_STATE') closedRef.current();
      return { ok: false, message: text.error(error) };
    },
    [text],
  );

  const remember = useCallback(
    (productId: string, choice: LotChoice | null) => {
      const known = lots.current.get(productId);
      if (choice && known && known.lotId === choice.lotId && known.lotCode === choice.lotCode && known.expiryDate === choice.expiryDate) return;
      // The latest choice goes last: the screen loads the latest ones ahead when it opens again.
      lots.current.delete(productId);
      if (choice) lots.current.set(productId, choice);
      saveLotChoices(countId, lots.current);
    },
    [countId],
  );

  const chooseLot = useCallback(
    async (product: ScanProduct): Promise<LotChoice | null> => {
      const [fresh, lines] = await Promise.all([
        api['products.get']({ id: product.id }),
        api['counts.lines']({ id: countId, productId: product.id, sort: 'product', limit: 200 }),
      ]);
      products.current.set(fresh.id, fresh);
      return new Promise<LotChoice | null>((resolve) => {
        setLotRequest({
          product: fresh,
          countLines: lines.rows.filter((r) => r.productId === product.id),
          onHand: fresh.lots.filter((l) => l.warehouseId === count.warehouseId && l.qty !== 0),
          current: lots.current.get(product.id),
          resolve: (choice) => {
            setLotRequest(null);
            resolve(choice);
          },
        });
      });
    },
    [api, countId, count.warehouseId],
  );

  /** An answered action on screen: the panel at once, the rest after it (followUp). */
  const showRecorded = useCallback(
    (action: number, result: CountRecorded, product: ScanProduct, unit: ProductUnit, kind: LastAction['kind'], delta: number, scanQty: number | null) => {
      scanState.current = learn(state(), action, result.line, result.progress);
      present({ action, kind, entryId: result.entry.id, product, unit, key: keyOf(result.line), line: result.line, delta, scanQty });
      followUp(result.entry);
    },
    [followUp, present],
  );

  const lotInputOf = (lot: LotChoice | null) => (lot ? (lot.lotId ? { lotId: lot.lotId } : { lotCode: lot.lotCode, ...(lot.expiryDate ? { expiryDate: lot.expiryDate } : {}) }) : {});

  const record = useCallback(
    async (action: number, product: ScanProduct, unit: ProductUnit, qty: { unitCode: string; unitQty: number; qty: number }, lot: LotChoice | null, kind: LastAction['kind'], scanQty: number) => {
      const result = await api['counts.record']({ countId, productId: product.id, unitCode: qty.unitCode, qty: qty.unitQty, counter, ...lotInputOf(lot) });
      showRecorded(action, result, product, unit, kind, qty.qty, scanQty);
      if (lot && product.lotTracked) remember(product.id, { lotId: result.line.lotId, lotCode: result.line.lotCode, expiryDate: result.line.expiryDate });
      return result;
    },
    [api, countId, counter, remember, showRecorded],
  );

  const quantityProblem = useCallback(
    (resolution: Extract<QuantityResolution, { ok: false }>, product: ScanProduct): string =>
      resolution.code === 'UNIT_UNKNOWN' && resolution.token
        ? t('scan.unitUnknown', { unit: resolution.token, product: text.name(product) })
        : t('scan.quantityInvalid'),
    [t, text],
  );

  /** One product counted: by a scan (its unit) or by a pick from the search (its base unit). */
  const countProduct = useCallback(
    async (action: number, product: ScanProduct, unit: ProductUnit, options?: { askLot?: boolean }): Promise<ScanOutcome> => {
      let qty = { unitCode: unit.code, unitQty: 1, qty: unit.factor };
      const typed = armedRef.current;
      if (typed !== null) {
        const resolved = resolveQuantity(typed, product.units, unit);
        if (!resolved.ok) return { ok: false, message: quantityProblem(resolved, product) };
        if (resolved.value.qty === 0) return { ok: false, message: t('scan.quantityZero') };
        qty = resolved.value;
      }
      let lot: LotChoice | null = null;
      if (product.lotTracked) {
        lot = options?.askLot ? null : (lots.current.get(product.id) ?? null);
        lot ??= await chooseLot(product);
        if (!lot) return { ok: false, message: t('lot.notChosen', { product: text.name(product) }) };
      }
      try {
        await record(action, product, unit, qty, lot, 'scan', qty.qty);
        if (typed !== null) setArmed(null);
        return { ok: true };
      } catch (error) {
        if (lotErrors.has(errorCode(error))) remember(product.id, null);
        return failure(error);
      }
    },
    [chooseLot, failure, quantityProblem, record, remember, setArmed, t, text],
  );

  const correctLast = useCallback(
    async (action: number, typed: string): Promise<ScanOutcome> => {
      const previous = lastStore.get();
      if (!previous || previous.scanQty === null) return { ok: false, message: t('scan.nothingToCorrect', { qty: typed }) };
      const resolved = resolveQuantity(typed, previous.product.units, previous.unit);
      if (!resolved.ok) return { ok: false, message: quantityProblem(resolved, previous.product) };
      const delta = resolved.value.qty - previous.scanQty;
      if (delta === 0) return { ok: true };
      const qty = entryUnit(delta, previous.unit, previous.product.units);
      if (!qty) return { ok: false, message: t('scan.quantityInvalid') };
      const line = previous.line;
      const lot: LotChoice | null = previous.product.lotTracked ? { lotId: line.lotId, lotCode: line.lotCode, expiryDate: line.expiryDate } : null;
      try {
        await record(action, previous.product, previous.unit, qty, lot, 'corrected', resolved.value.qty);
        return { ok: true };
      } catch (error) {
        return failure(error);
      }
    },
    [failure, lastStore, quantityProblem, record, t],
  );

  const learnHit = useCallback((code: string, hit: BarcodeHit) => {
    barcodes.current.set(code, hit);
    products.current.set(hit.product.id, hit.product);
  }, []);

  const lookup = useCallback(
    async (code: string): Promise<BarcodeHit> => {
      const cached = barcodes.current.get(code);
      if (cached) return cached;
      const hit = await api['products.lookupBarcode']({ barcode: code });
      learnHit(code, hit);
      return hit;
    },
    [api, learnHit],
  );

  /**
   * A barcode this PC has not seen yet: one call finds it and counts it (counts.scan), unless its
   * product is lot-tracked, whose lot is then chosen as for any scan.
   */
  const scanNew = useCallback(
    async (action: number, code: string): Promise<ScanOutcome> => {
      let scanned: CountScanned;
      try {
        scanned = await api['counts.scan']({ countId, barcode: code, counter });
      } catch (error) {
        const problem = errorPayload(error);
        const badBarcode = problem?.code === 'VALIDATION' && problem.fields?.some((f) => f.path === 'barcode');
        if (problem?.code === 'BARCODE_UNKNOWN' || badBarcode) return { ok: false, message: t('scan.unknown', { barcode: code }) };
        return failure(error);
      }
      const { product, unit, recorded } = scanned;
      learnHit(code, { product, unit });
      if (!recorded) return countProduct(action, product, unit);
      showRecorded(action, recorded, product, unit, 'scan', unit.factor, unit.factor);
      return { ok: true };
    },
    [api, countId, counter, countProduct, failure, learnHit, showRecorded, t],
  );

  /**
   * A scan of a barcode in the count's map, with nothing to ask first: shown now, sent after the
   * actions before it. Null when the scan must wait for the ledger (see useCountingSession).
   */
  const scanAhead = useCallback(
    (raw: string): ScanOutcome | null => {
      const map = scanMap.current;
      if (!map || armedRef.current !== null) return null;
      const input = classifyScanText(raw);
      if (input.kind !== 'barcode') return null;
      const hit = map.barcodes.get(input.code);
      if (!hit) return null;
      const { product, unit } = hit;
      const lot = product.lotTracked ? (lots.current.get(product.id) ?? null) : null;
      if (product.lotTracked && !lot) return null;
      const key = lineKey(product.id, lot?.lotCode ?? '');
      const settled = serial(async (action) => {
        try {
          const result = await api['counts.record']({ countId, productId: product.id, unitCode: unit.code, qty: 1, counter, ...lotInputOf(lot) });
          scanState.current = confirmScan(state(), action, result.line, result.progress);
          const mine = shown.current.find((a) => a.action === action);
          if (mine) Object.assign(mine, { entryId: result.entry.id, line: result.line });
          paint();
          followUp(result.entry);
          if (lot) remember(product.id, { lotId: result.line.lotId, lotCode: result.line.lotCode, expiryDate: result.line.expiryDate });
          return null;
        } catch (error) {
          // Refused: the scan comes off the screen, the panel goes back to what was there before it.
          scanState.current = rollBack(state(), action);
          shown.current = shown.current.filter((a) => a.action !== action);
          paint();
          followUp();
          if (lotErrors.has(errorCode(error))) remember(product.id, null);
          return failure(error);
        }
      });
      // serial numbered the action synchronously: it is the newest.
      const action = actionSeq.current;
      const found = foundLine(product, lot ?? { lotCode: '', expiryDate: null });
      scanState.current = addScan(state(), { seq: action, key, qty: unit.factor, counter }, found);
      present({ action, kind: 'scan', entryId: '', product, unit, key, line: found.line, delta: unit.factor, scanQty: unit.factor });
      followUp();
      return { ok: true, settled };
    },
    [api, countId, counter, failure, followUp, paint, present, remember, serial],
  );

  /** Everything typed into the scan field and Enter. */
  const onScan = useCallback(
    (raw: string): Promise<ScanOutcome> | ScanOutcome =>
      scanAhead(raw) ??
      serial(async (action) => {
        const input = classifyScanText(raw);
        if (input.kind === 'quantity') {
          if (input.target === 'last') return correctLast(action, input.text);
          if (!isQuantityText(input.text)) return { ok: false, message: t('scan.quantityInvalid') };
          setArmed(input.text);
          return { ok: true };
        }
        // A new barcode is one call. A known one, or one a typed quantity waits for ("12*", read in
        // the product's units), is looked up here (cached) and counted by counts.record.
        if (!barcodes.current.has(input.code) && armedRef.current === null) return scanNew(action, input.code);
        let hit: BarcodeHit;
        try {
          hit = await lookup(input.code);
        } catch (error) {
          const code = errorCode(error);
          if (code === 'BARCODE_UNKNOWN' || code === 'VALIDATION') return { ok: false, message: t('scan.unknown', { barcode: input.code }) };
          return failure(error);
        }
        return countProduct(action, hit.product, hit.unit);
      }),
    [correctLast, countProduct, failure, lookup, scanAhead, scanNew, serial, setArmed, t],
  );

  const productById = useCallback(
    async (id: string): Promise<ProductDetail> => {
      const cached = products.current.get(id);
      if (cached) return cached;
      const product = await api['products.get']({ id });
      products.current.set(id, product);
      return product;
    },
    [api],
  );

  /** A product found by search counts one base unit, like a scan of its unit label. */
  const pick = useCallback(
    (row: ProductRow): Promise<ScanOutcome> =>
      serial(async (action) => {
        try {
          const product = await productById(row.id);
          const base = product.units.find((u) => u.factor === 1) ?? product.units[product.units.length - 1];
          if (!base) return { ok: false, message: t('scan.quantityInvalid') };
          return await countProduct(action, product, base);
        } catch (error) {
          return failure(error);
        }
      }),
    [countProduct, failure, productById, serial, t],
  );

  /** Undoes this counter's last entry on this PC (counts.undo), after every scan before it is answered. */
  const undo = useCallback(
    (): Promise<ScanOutcome> =>
      serial(async (action) => {
        try {
          const result = await api['counts.undo']({ countId, counter });
          const product = await productById(result.entry.productId);
          const unit = product.units.find((u) => u.code === result.entry.unitCode) ?? product.units[0];
          if (unit) showRecorded(action, result, product, unit, 'undone', result.entry.qty, null);
          else followUp();
          await loadEntries();
          return { ok: true };
        } catch (error) {
          return failure(error);
        }
      }),
    [api, countId, counter, failure, followUp, loadEntries, productById, serial, showRecorded],
  );

  /** Asks for the lot again for the last product; the choice counts for its next scans. */
  const changeLot = useCallback(
    (product: ScanProduct): Promise<void> =>
      serial(async () => {
        const choice = await chooseLot(product);
        if (choice) remember(product.id, choice);
      }),
    [chooseLot, remember, serial],
  );

  const disarm = useCallback(() => setArmed(null), [setArmed]);

  // A new identity when more products are known (or the map came), so the entries list redraws with their units.
  const unitsOf = useCallback(
    (productId: string) => products.current.get(productId)?.units ?? scanMap.current?.products.get(productId)?.units,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [knownProducts, scanMapStatus],
  );

  return {
    last: lastStore as LastActionStore,
    progress,
    entries,
    entriesLoaded,
    entriesError,
    reloadEntries: loadEntries,
    scanMapStatus,
    reloadScanMap: loadScanMap,
    armed,
    disarm,
    onScan,
    pick,
    undo,
    changeLot,
    unitsOf,
    lotRequest,
  };
}
