import { Alert, Anchor, Badge, Box, Button, Group, Kbd, Modal, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCheck, IconClipboardList, IconPencil, IconPlayerPause, IconUser, IconX } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { CountDetail, ProductRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorCode } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker } from '../../components/ProductPicker';
import { ScanField, type ScanOutcome } from '../../components/ScanField';
import { scanBeep } from '../../components/scanBeep';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
import classes from './counting.module.css';
import { CounterDialog } from './CounterDialog';
import { readCounter, saveCounter } from './countingMemory';
import { LastScanPanel } from './LastScanPanel';
import { LotChooser } from './LotChooser';
import { RecentEntries } from './RecentEntries';
import { useCountingSession, type LastAction, type Progress as CountProgress, type ScanMapStatus } from './useCountingSession';
import { useCountingText, type CountingText } from './useCountingText';

/** Route /counts/:id/count — the scanner-first counting screen of one count. */
export function CountingPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const text = useCountingText();
  const { t } = text;
  const query = useApiQuery(() => getApi()['counts.get']({ id }), [id]);
  const count = query.data;

  if (!count) {
    const notFound = errorCode(query.error) === 'NOT_FOUND' || errorCode(query.error) === 'VALIDATION';
    return (
      <Stack gap="md">
        <PageHeader title={t('title')} backTo="/counts" backLabel={t('backToCounts')} />
        {query.error === undefined ? (
          <LoadingState />
        ) : notFound ? (
          <EmptyState
            icon={<IconClipboardList size={28} />}
            title={t('notFound.title')}
            description={t('notFound.text')}
            action={
              <Button component="a" href="#/counts">
                {t('backToCounts')}
              </Button>
            }
          />
        ) : (
          <ErrorState error={query.error} onRetry={query.reload} />
        )}
      </Stack>
    );
  }
  if (count.status !== 'counting') return <NotCounting count={count} text={text} />;
  return <CountingScreen count={count} text={text} onCountClosed={query.reload} />;
}

function CountHeader({ count, text, actions }: { count: CountDetail; text: CountingText; actions?: ReactNode }) {
  const { t } = text;
  return (
    <PageHeader
      title={t('title')}
      documentTitle={`${t('title')} ${count.docNo}`}
      backTo={`/counts/${count.id}`}
      backLabel={t('backToCount', { docNo: count.docNo })}
      badges={
        <Group gap={6}>
          <Badge size="lg" variant="outline" color="gray" ff="monospace" data-testid="count-docno">
            {count.docNo}
          </Badge>
          <Badge size="lg" variant="light" color="gray">
            {count.warehouseName}
          </Badge>
          <Badge size="lg" variant="light" color={count.blind ? 'violet' : 'blue'} data-testid="count-mode">
            {count.blind ? t('mode.blind') : t('mode.open')}
          </Badge>
        </Group>
      }
      actions={actions}
    />
  );
}

/** A count already submitted, posted or cancelled: nothing more can be entered here. */
function NotCounting({ count, text }: { count: CountDetail; text: CountingText }) {
  const { t } = text;
  return (
    <Stack gap="md">
      <CountHeader count={count} text={text} />
      <Alert color="blue" icon={<IconAlertCircle />} title={t('closed.title')} data-testid="count-closed">
        <Stack gap="sm" align="flex-start">
          <Text>{t(`closed.${count.status}`, { docNo: count.docNo })}</Text>
          <Button component="a" href={`#/counts/${count.id}`}>
            {t('closed.open', { docNo: count.docNo })}
          </Button>
        </Stack>
      </Alert>
    </Stack>
  );
}

/** One strip above the scan field: who is counting (click to change) and how far the count is. */
const StatusStrip = memo(function StatusStrip({ progress, counter, onChangeCounter, text }: { progress: CountProgress; counter: string; onChangeCounter: () => void; text: CountingText }) {
  const { t } = text;
  const { expectedLines, countedLines, foundLines } = progress;
  const percent = expectedLines === 0 ? 0 : (countedLines / expectedLines) * 100;
  return (
    <Paper withBorder px="md" py="xs" className={classes.strip}>
      <Button
        variant="light"
        color="gray"
        leftSection={<IconUser size={18} />}
        rightSection={<IconPencil size={14} />}
        onClick={onChangeCounter}
        data-testid="counter-button"
        title={t('counter.change')}
        aria-label={`${t('counter.label')}: ${counter} · ${t('counter.change')}`}
      >
        {counter === '' ? t('counter.none') : counter}
      </Button>
      <div className={classes.stripBar} data-testid="count-progress" data-counted={countedLines} data-expected={expectedLines} data-found={foundLines}>
        <Group justify="space-between" gap="sm" mb={4} wrap="nowrap">
          <Text fz="md" fw={600}>
            {t('progress.counted', { counted: text.number(countedLines), expected: text.number(expectedLines) })}
            <Text span c="dimmed" fz="md" fw={400}>
              {' · '}
              {t('progress.percent', { percent: percent < 1 && countedLines > 0 ? '<1' : text.number(Math.floor(percent)) })}
            </Text>
          </Text>
          {foundLines > 0 && (
            <Badge size="md" color="orange" variant="light" data-testid="found-lines">
              {t('progress.found', { count: foundLines, n: text.number(foundLines) })}
            </Badge>
          )}
        </Group>
        <Progress value={percent} size="md" radius="sm" aria-label={t('progress.label')} />
      </div>
    </Paper>
  );
});

interface ScanBarProps {
  scanRef: RefObject<HTMLInputElement | null>;
  pickerRef: RefObject<HTMLInputElement | null>;
  disabled: boolean;
  onScan: (code: string) => Promise<ScanOutcome> | ScanOutcome;
  onPick: (row: ProductRow) => void;
  armed: string | null;
  onDisarm: () => void;
  scanMap: ScanMapStatus;
  onReloadScanMap: () => void;
  text: CountingText;
}

/**
 * Scan first, search second. Memoized: a scan's result redraws the panel, the progress and the
 * entries, not the fields (the scan field keeps its own state).
 */
const ScanBar = memo(function ScanBar({ scanRef, pickerRef, disabled, onScan, onPick, armed, onDisarm, scanMap, onReloadScanMap, text }: ScanBarProps) {
  const { t } = text;
  return (
      <Box className={classes.scanBar} p="md" data-testid="scan-bar" data-scan-map={scanMap}>
        <Group align="flex-start" gap="md" wrap="nowrap">
          <Box style={{ flex: '3 1 0', minWidth: 0 }}>
            <ScanField
              inputRef={scanRef}
              aria-label={t('scan.label')}
              placeholder={t('scan.placeholder')}
              size="xl"
              autoFocus
              disabled={disabled}
              onScan={onScan}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && armed !== null) {
                  event.preventDefault();
                  onDisarm();
                }
              }}
            />
          </Box>
          <Box style={{ flex: '2 1 0', minWidth: 0 }}>
            <ProductPicker
              size="xl"
              inputRef={pickerRef}
              disabled={disabled}
              data-testid="counting-picker"
              aria-label={t('picker.label')}
              onPick={onPick}
              labels={{
                placeholder: t('picker.placeholder'),
                nothingFound: t('picker.nothingFound'),
                loadFailed: t('picker.loadFailed'),
                inactive: t('picker.inactive'),
                more: (shown, total) => t('picker.more', { shown, total }),
              }}
            />
          </Box>
        </Group>
        <Group gap="lg" mt="xs" c="dimmed" fz="sm" wrap="wrap">
          {armed !== null ? (
            <Badge
              size="xl"
              color="blue"
              variant="filled"
              className={classes.armed}
              data-testid="armed-qty"
              rightSection={
                <IconX
                  size={16}
                  style={{ cursor: 'pointer' }}
                  aria-label={t('armed.clear')}
                  onClick={onDisarm}
                />
              }
            >
              {t('armed.label', { qty: armed })}
            </Badge>
          ) : (
            <>
              <Text span fz="sm">
                <Kbd>12</Kbd> <Kbd>Enter</Kbd> {t('keys.setLast')}
              </Text>
              <Text span fz="sm">
                <Kbd>12*</Kbd> {t('keys.setNext')}
              </Text>
            </>
          )}
          <Text span fz="sm">
            <Kbd>Ctrl+Z</Kbd> {t('keys.undo')}
          </Text>
          <Text span fz="sm">
            <Kbd>F3</Kbd> {t('keys.search')}
          </Text>
          {armed !== null && (
            <Text span fz="sm">
              <Kbd>Esc</Kbd> {t('keys.disarm')}
            </Text>
          )}
          {scanMap === 'loading' && (
            <Text span fz="sm" data-testid="scan-map-loading">
              {t('scanMap.loading')}
            </Text>
          )}
          {scanMap === 'failed' && (
            <Text span fz="sm" c="orange.8" data-testid="scan-map-failed">
              {t('scanMap.failed')}{' '}
              <Anchor component="button" type="button" fz="sm" onClick={onReloadScanMap}>
                {t('scanMap.retry')}
              </Anchor>
            </Text>
          )}
        </Group>
      </Box>
  );
});

function CountingScreen({ count, text, onCountClosed }: { count: CountDetail; text: CountingText; onCountClosed: () => void }) {
  const { t } = text;
  const { info } = useAppInfo();
  const [counter, setCounter] = useState(readCounter);
  const [askCounter, setAskCounter] = useState(counter === '');
  const [finishing, setFinishing] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const scanRef = useRef<HTMLInputElement | null>(null);
  const pickerRef = useRef<HTMLInputElement | null>(null);
  const session = useCountingSession({ count, counter, text, onCountClosed });

  const focusScan = useCallback(() => {
    requestAnimationFrame(() => scanRef.current?.focus());
  }, []);

  /** Outcomes of actions outside the scan field (search, undo) beep and speak like a scan. */
  const report = useCallback((outcome: { ok: boolean; message?: ReactNode }) => {
    scanBeep(outcome.ok ? 'ok' : 'error');
    if (!outcome.ok) notifications.show({ color: 'red', message: outcome.message, autoClose: 6000, 'data-testid': 'counting-error' });
    focusScan();
  }, [focusScan]);

  const { undo: undoLast, pick: pickProduct, disarm: disarmSession, reloadScanMap: reloadMap } = session;
  const reloadScanMap = useCallback(() => {
    void reloadMap();
    focusScan();
  }, [reloadMap, focusScan]);
  const undo = useCallback(() => {
    void undoLast().then(report);
  }, [undoLast, report]);
  const pick = useCallback((row: ProductRow) => void pickProduct(row).then(report), [pickProduct, report]);
  const disarm = useCallback(() => {
    disarmSession();
    focusScan();
  }, [disarmSession, focusScan]);

  const modalOpen = askCounter || finishing || session.lotRequest !== null;

  // Ctrl+Z undoes the last entry wherever the cursor is, except while typing in another field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (modalOpen) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const inOtherField = target?.closest('input, textarea, select') && target !== scanRef.current;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z' && !inOtherField) {
        event.preventDefault();
        undo();
      } else if (event.key === 'F3') {
        event.preventDefault();
        pickerRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [modalOpen, undo]);

  useEffect(() => {
    if (!modalOpen) focusScan();
  }, [modalOpen, focusScan]);

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      const done = await getApi()['counts.submit']({ id: count.id });
      notifications.show({ color: 'green', title: t('finish.done', { docNo: done.docNo }), message: t('finish.doneText'), 'data-testid': 'count-submitted' });
      navigate(`/counts/${count.id}`);
    } catch (error) {
      setSubmitError(error);
      if (errorCode(error) === 'COUNT_STATE') onCountClosed();
    } finally {
      setSubmitting(false);
    }
  };

  const { changeLot: changeLotOf } = session;
  const changeLot = useCallback((last: LastAction) => void changeLotOf(last.product).then(focusScan), [changeLotOf, focusScan]);
  const openCounter = useCallback(() => setAskCounter(true), []);
  const closeCounter = useCallback(() => setAskCounter(false), []);
  const saveCounterName = useCallback((name: string) => {
    saveCounter(name);
    setCounter(name);
    setAskCounter(false);
  }, []);

  // The header does not change with scans; built once per count and language.
  const header = useMemo(
    () => (
      <CountHeader
        count={count}
        text={text}
        actions={
          <>
            <Button component="a" href={`#/counts/${count.id}`} variant="default" leftSection={<IconPlayerPause size={18} />} data-testid="pause-count">
              {text.t('actions.pause')}
            </Button>
            <Button leftSection={<IconCheck size={18} />} onClick={() => setFinishing(true)} data-testid="finish-count">
              {text.t('actions.finish')}
            </Button>
          </>
        }
      />
    ),
    [count, text],
  );

  const { progress } = session;
  const uncounted = Math.max(0, progress.expectedLines - progress.countedLines);

  return (
    <Stack gap="md" className={classes.page}>
      {header}

      <StatusStrip progress={progress} counter={counter} onChangeCounter={openCounter} text={text} />

      <ScanBar
        scanRef={scanRef}
        pickerRef={pickerRef}
        disabled={counter === ''}
        onScan={session.onScan}
        onPick={pick}
        armed={session.armed}
        onDisarm={disarm}
        scanMap={session.scanMapStatus}
        onReloadScanMap={reloadScanMap}
        text={text}
      />

      <div className={classes.work}>
        <LastScanPanel
          last={session.last}
          blind={count.blind}
          text={text}
          onUndo={undo}
          onChangeLot={changeLot}
          undoDisabled={counter === ''}
        />
        <RecentEntries
          entries={session.entries}
          loaded={session.entriesLoaded}
          failed={session.entriesError !== null}
          counter={counter}
          timeZone={info.branch?.timeZone}
          unitsOf={session.unitsOf}
          text={text}
        />
      </div>

      <LotChooser request={session.lotRequest} blind={count.blind} text={text} />

      <CounterDialog
        opened={askCounter}
        current={counter}
        countCounters={count.counters}
        required={counter === ''}
        text={text}
        onClose={closeCounter}
        onSave={saveCounterName}
      />

      <Modal opened={finishing} onClose={() => setFinishing(false)} centered size="lg" title={<Text fw={700} fz="xl">{t('finish.title', { docNo: count.docNo })}</Text>}>
        <Stack gap="md">
          <Text fz="lg">{t('finish.progress', { counted: text.number(progress.countedLines), expected: text.number(progress.expectedLines) })}</Text>
          {uncounted > 0 && (
            <Alert color="orange" icon={<IconAlertCircle />}>
              {t('finish.uncounted', { count: uncounted, n: text.number(uncounted) })}
            </Alert>
          )}
          <Text c="dimmed">{t('finish.text')}</Text>
          {submitError !== null && (
            <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="finish-error">
              {text.error(submitError)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setFinishing(false)}>
              {t('finish.keepCounting')}
            </Button>
            <Button loading={submitting} onClick={() => void submit()} data-testid="finish-confirm">
              {t('finish.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
