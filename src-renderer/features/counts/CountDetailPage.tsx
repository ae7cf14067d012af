import { Alert, Anchor, Button, Group, Modal, Pagination, Paper, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconClipboardList, IconInfoCircle, IconRefresh, IconScan, IconSearch, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { CountDetail, CountLineRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { ExportMenu, type ExportFormat } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
import { CountLinesTable, lineKey } from './CountLinesTable';
import { CountStatusBadge } from './CountStatusBadge';
import { CountSummaryCards } from './CountSummaryCards';
import { useCountsText, type CountsText } from './useCountsText';

const PAGE_SIZE = 100;
const lineFilters = ['attention', 'variance', 'uncounted', 'counted', 'recount', 'all'] as const;
type LineFilter = (typeof lineFilters)[number];
type Sort = 'variance' | 'location' | 'product';
type Uncounted = 'zero' | 'keep';
const reasons = ['damage', 'expiry', 'theft_loss', 'receiving_error', 'data_error'] as const;

function Facts({ count, text }: { count: CountDetail; text: CountsText }) {
  const { t } = text;
  const { info } = useAppInfo();
  const pct = count.expectedLines === 0 ? 100 : Math.round((count.countedLines * 100) / count.expectedLines);
  return (
    <Paper withBorder radius="md" p="md">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.snapshotAt')}
          </Text>
          <Text size="sm">{text.dateTime(count.snapshotAt, info.branch?.timeZone)}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.createdBy')}
          </Text>
          <Text size="sm">{count.createdBy}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.counters')}
          </Text>
          <Text size="sm" data-testid="count-counters">
            {count.counters.length === 0 ? t('detail.noCounters') : `${count.counters.join('、')} · ${t('detail.entries', { n: count.entries })}`}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('detail.progress')}
          </Text>
          <Progress value={pct} size="sm" my={6} aria-label={t('detail.progress')} />
          <Text size="xs" c="dimmed" data-testid="count-progress">
            {t('detail.progressLabel', { counted: text.number(count.countedLines), expected: text.number(count.expectedLines), pct })}
            {count.foundLines > 0 && ` · ${t('detail.found', { n: count.foundLines })}`}
          </Text>
        </div>
      </SimpleGrid>
    </Paper>
  );
}

export function CountDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const text = useCountsText();
  const { t } = text;
  const { info } = useAppInfo();
  const [filter, setFilter] = useState<LineFilter>('attention');
  const [sort, setSort] = useState<Sort>('variance');
  const [uncounted, setUncounted] = useState<Uncounted>('zero');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'post' | 'cancel' | null>(null);
  const [revision, setRevision] = useState(0);

  const count = useApiQuery(() => getApi()['counts.get']({ id }), [id, revision, uncounted]);
  const status = count.data?.status;
  const hideBook = count.data?.blind === true && status === 'counting';
  const effectiveFilter: LineFilter = hideBook && (filter === 'attention' || filter === 'variance') ? 'all' : filter;
  const lines = useApiQuery(
    () =>
      getApi()['counts.lines']({
        id,
        filter: effectiveFilter,
        sort: hideBook && sort === 'variance' ? 'location' : sort,
        q,
        uncounted,
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      }),
    [id, effectiveFilter, sort, q, uncounted, page, revision, hideBook],
    { keepPreviousData: true },
  );

  if (count.error !== undefined && !count.data) return <ErrorState error={count.error} onRetry={count.reload} />;
  if (!count.data) return <LoadingState />;
  const c = count.data;
  const summary = lines.data?.summary ?? c.summary;

  const act = async (name: string, call: () => Promise<unknown>, done?: string) => {
    setBusy(name);
    try {
      await call();
      setSelected(new Set());
      setRevision((r) => r + 1);
      if (done) notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: done });
    } catch (error) {
      notifications.show({ color: 'red', icon: <IconAlertTriangle size={18} />, message: text.error(error), autoClose: 8000 });
    } finally {
      setBusy(null);
      setConfirm(null);
    }
  };
  // Selections can span pages: keep the keys, and send what is known.
  const selection = () => [...selected].map((k) => {
    const [productId = '', lotId = ''] = k.split('|');
    return { productId, lotId };
  });
  const toggle = (row: CountLineRow) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(lineKey(row))) next.delete(lineKey(row));
      else next.add(lineKey(row));
      return next;
    });
  const togglePage = (rows: CountLineRow[], select: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const r of rows) {
        if (select) next.add(lineKey(r));
        else next.delete(lineKey(r));
      }
      return next;
    });

  const inReview = status === 'review';
  const actions = (
    <Group gap="xs">
      <ExportMenu label={t('detail.sheet')} testId="count-sheet" make={(format: ExportFormat) => getApi()['counts.export']({ id: c.id, kind: 'sheet', format, uncounted })} />
      {!hideBook && (
        <ExportMenu
          label={t('detail.variances')}
          testId="count-variances"
          disabled={(summary?.varianceLines ?? 0) === 0}
          make={(format: ExportFormat) => getApi()['counts.export']({ id: c.id, kind: 'variances', format, uncounted })}
        />
      )}
      {status === 'counting' && (
        <>
          <Button leftSection={<IconScan size={18} />} onClick={() => navigate(`/counts/${c.id}/count`)} data-testid="count-continue">
            {t('detail.continue')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconSend size={18} />}
            loading={busy === 'submit'}
            onClick={() => void act('submit', () => getApi()['counts.submit']({ id: c.id }))}
            data-testid="count-submit"
          >
            {t('detail.submit')}
          </Button>
        </>
      )}
      {inReview && (
        <Button
          color="teal"
          leftSection={<IconCircleCheck size={18} />}
          disabled={(summary?.notReady ?? 1) > 0}
          onClick={() => setConfirm('post')}
          data-testid="count-post"
        >
          {t('review.post')}
        </Button>
      )}
      {(status === 'counting' || inReview) && (
        <Button variant="subtle" color="red" leftSection={<IconX size={18} />} onClick={() => setConfirm('cancel')} data-testid="count-cancel">
          {t('detail.cancel')}
        </Button>
      )}
    </Group>
  );

  const closedAt = c.closedAt ? text.dateTime(c.closedAt, info.branch?.timeZone) : '';
  const pages = lines.data ? Math.max(1, Math.ceil(lines.data.total / PAGE_SIZE)) : 1;

  return (
    <Stack gap="md">
      <PageHeader
        title={c.docNo}
        documentTitle={c.docNo}
        subtitle={`${c.warehouseName} · ${t(`scope.${c.scope}`)} · ${c.blind ? t('blind') : t('open')}${c.note ? ` · ${c.note}` : ''}`}
        backTo="/counts"
        backLabel={t('detail.backLabel')}
        badges={<CountStatusBadge status={c.status} text={text} size="lg" />}
        actions={actions}
      />
      <Facts count={c} text={text} />

      {status === 'counting' && c.blind && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />}>
          {t('detail.countingBlind')} {t('detail.submitHint')}
        </Alert>
      )}
      {status === 'posted' && (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="count-posted">
          {c.adjustment ? (
            <>
              {t('detail.postedInfo', { at: closedAt, by: c.closedBy ?? '' })}{' '}
              <Anchor href={`#/stock/documents/${c.adjustment.id}`} ff="monospace" data-testid="count-adjustment">
                {c.adjustment.docNo}
              </Anchor>
            </>
          ) : (
            t('detail.postedNoVariance', { at: closedAt, by: c.closedBy ?? '' })
          )}
        </Alert>
      )}
      {status === 'cancelled' && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />}>
          {t('detail.cancelledInfo', { at: closedAt, by: c.closedBy ?? '' })}
        </Alert>
      )}

      {summary && <CountSummaryCards summary={summary} text={text} showTodo={inReview} />}

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <SegmentedControl
                value={effectiveFilter}
                onChange={(v) => {
                  setFilter(v as LineFilter);
                  setPage(1);
                }}
                data={lineFilters
                  .filter((f) => !hideBook || (f !== 'attention' && f !== 'variance'))
                  .map((f) => ({ value: f, label: t(`review.filter.${f}`) }))}
                data-testid="count-filter"
              />
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder={t('review.search')}
                aria-label={t('review.search')}
                value={search}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  setPage(1);
                }}
                w={220}
              />
              <Select
                aria-label={t('review.sort.variance')}
                data={(['variance', 'location', 'product'] as const).filter((s) => !hideBook || s !== 'variance').map((s) => ({ value: s, label: t(`review.sort.${s}`) }))}
                value={hideBook && sort === 'variance' ? 'location' : sort}
                onChange={(v) => v && setSort(v as Sort)}
                allowDeselect={false}
                w={200}
              />
            </Group>
            {inReview && (
              <Group gap={6} align="center">
                <Text size="sm" c="dimmed">
                  {t('review.uncountedRule')}
                </Text>
                <SegmentedControl
                  size="xs"
                  value={uncounted}
                  onChange={(v) => setUncounted(v as Uncounted)}
                  data={(['zero', 'keep'] as const).map((u) => ({ value: u, label: t(`review.uncounted.${u}`) }))}
                  data-testid="count-uncounted"
                />
              </Group>
            )}
          </Group>

          {inReview && (
            <Group gap="xs" wrap="wrap" data-testid="count-bulk">
              <Text size="sm" c="dimmed" miw={80}>
                {t('review.selected', { n: selected.size })}
              </Text>
              <Select
                placeholder={t('review.setReason')}
                aria-label={t('review.setReason')}
                data={reasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
                value={reason}
                onChange={setReason}
                w={160}
                size="xs"
                data-testid="count-reason"
              />
              <Button
                size="xs"
                variant="light"
                disabled={!reason || selected.size === 0}
                loading={busy === 'reasonSelected'}
                onClick={() => void act('reasonSelected', () => getApi()['counts.setReason']({ id: c.id, reasonCode: reason as (typeof reasons)[number], lines: selection(), uncounted }), t('review.saved'))}
              >
                {t('review.reasonForSelected')}
              </Button>
              <Button
                size="xs"
                variant="light"
                disabled={!reason || (summary?.needsReason ?? 0) === 0}
                loading={busy === 'reasonAll'}
                onClick={() => void act('reasonAll', () => getApi()['counts.setReason']({ id: c.id, reasonCode: reason as (typeof reasons)[number], uncounted }), t('review.saved'))}
                data-testid="count-reason-all"
              >
                {t('review.reasonForAll')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="orange"
                leftSection={<IconRefresh size={14} />}
                disabled={selected.size === 0}
                loading={busy === 'recount'}
                onClick={() => void act('recount', () => getApi()['counts.recount']({ id: c.id, lines: selection() }))}
                data-testid="count-recount"
              >
                {t('review.recount')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="grape"
                disabled={selected.size === 0}
                loading={busy === 'approveSelected'}
                onClick={() => void act('approveSelected', () => getApi()['counts.approve']({ id: c.id, lines: selection(), uncounted }), t('review.saved'))}
              >
                {t('review.approve')}
              </Button>
              <Button
                size="xs"
                variant="light"
                color="grape"
                disabled={(summary?.needsApproval ?? 0) + (summary?.needsRecount ?? 0) === 0}
                loading={busy === 'approveAll'}
                onClick={() => void act('approveAll', () => getApi()['counts.approve']({ id: c.id, uncounted }), t('review.saved'))}
                data-testid="count-approve-all"
              >
                {t('review.approveAll')}
              </Button>
            </Group>
          )}

          {lines.error !== undefined && !lines.data ? (
            <ErrorState error={lines.error} onRetry={lines.reload} />
          ) : !lines.data ? (
            <LoadingState />
          ) : lines.data.total === 0 ? (
            <Stack align="center" py="xl" gap={4}>
              <IconClipboardList size={28} color="var(--mantine-color-dimmed)" />
              <Text c="dimmed">{filter === 'attention' && inReview ? t('review.allReady') : t('review.emptyFilter')}</Text>
            </Stack>
          ) : (
            <CountLinesTable
              rows={lines.data.rows}
              text={text}
              hideBook={hideBook}
              selectable={inReview}
              selected={selected}
              onToggle={toggle}
              onTogglePage={togglePage}
            />
          )}
          {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
        </Stack>
      </Paper>

      <Modal opened={confirm === 'post'} onClose={() => setConfirm(null)} title={t('review.postTitle', { docNo: c.docNo })} centered>
        <Stack>
          <Text size="sm">
            {t('review.postText', {
              lines: summary?.varianceLines ?? 0,
              gain: text.money(summary?.gainValueFen ?? 0),
              loss: text.money(summary?.lossValueFen ?? 0),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('review.uncountedRule')}: {t(`review.uncounted.${uncounted}`)}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('detail.keep')}
            </Button>
            <Button
              color="teal"
              loading={busy === 'post'}
              onClick={() => void act('post', () => getApi()['counts.post']({ id: c.id, uncounted }), t('review.posted'))}
              data-testid="count-post-confirm"
            >
              {t('review.postConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={confirm === 'cancel'} onClose={() => setConfirm(null)} title={t('detail.cancelTitle', { docNo: c.docNo })} centered>
        <Stack>
          <Text size="sm">{t('detail.cancelText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('detail.keep')}
            </Button>
            <Button color="red" loading={busy === 'cancel'} onClick={() => void act('cancel', () => getApi()['counts.cancel']({ id: c.id }))} data-testid="count-cancel-confirm">
              {t('detail.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
