import { ActionIcon, Alert, Badge, Button, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { SupplierReturnAwaitingLine, SupplierReturnCandidateLot, SupplierReturnDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { fieldErrors, recordLoadError } from '../../components/errors';
import { LoadingState } from '../../components/LoadingState';
import { fenToYuanText } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { QuantityInput } from '../../components/QuantityInput';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { draftInput, estimatedFen, linesOf, reasonCodes, type DraftLine, type DraftProblem } from './returnDraft';
import { useSupplierReturnText, type SupplierReturnText } from './useSupplierReturnText';

/** A new supplier return, or a draft being changed (`params.id`). */
export function SupplierReturnEntryPage({ params }: { params: Record<string, string> }) {
  const text = useSupplierReturnText();
  const id = params.id;
  const existing = useApiQuery(() => (id ? getApi()['supplierReturns.get']({ id }) : Promise.resolve(null)), [id]);
  if (existing.error !== undefined) return <ErrorState error={recordLoadError(existing.error, 'supplierReturn')} onRetry={existing.reload} />;
  if (existing.data === undefined) return <LoadingState />;
  return <EntryForm key={existing.data?.id ?? 'new'} existing={existing.data} text={text} />;
}

function EntryForm({ existing, text }: { existing: SupplierReturnDetail | null; text: SupplierReturnText }) {
  const { t } = text;
  const masters = useApiQuery(() => Promise.all([getApi()['master.suppliers']({}), getApi()['master.warehouses']({})]), []);
  const [supplierId, setSupplierId] = useState(existing?.supplierId ?? '');
  const [warehouseId, setWarehouseId] = useState(existing?.warehouseId ?? '');
  const [lines, setLines] = useState<DraftLine[]>(() => (existing ? linesOf(existing, text.locale) : []));
  const defaultClaim = existing && existing.claimFen !== existing.valueFen ? fenToYuanText(existing.claimFen) : '';
  const [claimText, setClaimText] = useState(defaultClaim);
  const [note, setNote] = useState(existing?.note ?? '');
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);

  const warehouses = (masters.data?.[1] ?? []).filter((w) => w.active && (w.kind === 'main' || w.kind === 'returns'));
  useEffect(() => {
    if (warehouseId === '' && warehouses.length > 0 && !existing) setWarehouseId(warehouses.find((w) => w.kind === 'returns')?.id ?? warehouses[0]?.id ?? '');
  }, [warehouses, warehouseId, existing]);

  const candidates = useApiQuery(
    () => (supplierId && warehouseId ? getApi()['supplierReturns.candidates']({ supplierId, warehouseId, q }) : Promise.resolve(null)),
    [supplierId, warehouseId, q],
    { keepPreviousData: true },
  );

  const serverFields = fieldErrors(failure, t);
  const problemAt = (path: string): string | undefined => {
    const p = problems.find((x) => x.path === path);
    if (p) return t(`entry.problems.${p.code}`);
    return serverFields[path];
  };
  const edit = (key: string, change: Partial<DraftLine>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const addLot = (lot: SupplierReturnCandidateLot) =>
    setLines((ls) => [
      ...ls,
      { key: `${lot.lotId}-${ls.length}-${Date.now()}`, ...lotFields(lot), qtyText: '', reasonCode: 'damaged', note: '', customerReturnLineId: null, customerReturnNo: null, unitCostFen: lot.unitCostFen },
    ]);
  const addAwaiting = (a: SupplierReturnAwaitingLine) =>
    setLines((ls) => [
      ...ls,
      {
        key: a.customerReturnLineId,
        ...lotFields(a),
        qtyText: text.qty(a.awaitingQty, a.units),
        reasonCode: a.reasonCode,
        note: a.note,
        customerReturnLineId: a.customerReturnLineId,
        customerReturnNo: a.customerReturnNo,
        unitCostFen: a.unitCostFen,
      },
    ]);

  const save = async () => {
    setFailure(null);
    const built = draftInput(supplierId, warehouseId, lines, claimText, note);
    if (!built.ok) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      const saved = existing ? await getApi()['supplierReturns.update']({ id: existing.id, ...built.input }) : await getApi()['supplierReturns.create'](built.input);
      notifications.show({ color: 'green', message: t('entry.saved', { docNo: saved.docNo }) });
      navigate(`/returns/supplier/${saved.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  if (masters.error !== undefined) return <ErrorState error={masters.error} onRetry={masters.reload} />;
  if (!masters.data) return <LoadingState />;
  const estimate = estimatedFen(lines);
  const fieldOnly = failure !== null && Object.keys(serverFields).some((p) => p.startsWith('lines.') || p === 'claimFen');

  return (
    <Stack gap="md">
      <PageHeader
        title={existing ? t('entry.editTitle', { docNo: existing.docNo }) : t('entry.newTitle')}
        backTo={existing ? `/returns/supplier/${existing.id}` : '/returns/supplier'}
        backLabel={t('entry.back')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('entry.supplier')}
          placeholder={t('entry.supplierPlaceholder')}
          data={masters.data[0].map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          value={supplierId || null}
          onChange={(v) => {
            setSupplierId(v ?? '');
            setLines([]);
          }}
          searchable
          required
          error={serverFields.supplierId}
          data-testid="supplier-select"
        />
        <Select
          label={t('entry.warehouse')}
          description={t('entry.warehouseHint')}
          data={warehouses.map((w) => ({ value: w.id, label: `${w.code} ${w.name}` }))}
          value={warehouseId || null}
          onChange={(v) => {
            setWarehouseId(v ?? '');
            setLines([]);
          }}
          allowDeselect={false}
          required
          error={serverFields.warehouseId}
          data-testid="warehouse-select"
        />
      </SimpleGrid>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <div>
              <Title order={4}>{t('entry.candidates')}</Title>
              <Text size="xs" c="dimmed">
                {t('entry.candidatesHint')}
              </Text>
            </div>
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('entry.searchCandidates')}
              aria-label={t('entry.searchCandidates')}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              w={260}
              data-testid="candidate-search"
            />
          </Group>
          <CandidateTables candidates={candidates} lines={lines} text={text} onAddLot={addLot} onAddAwaiting={addAwaiting} ready={supplierId !== '' && warehouseId !== ''} />
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={4}>{t('entry.lines')}</Title>
          {lines.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="no-lines">
              {t('entry.noLines')}
            </Text>
          ) : (
            lines.map((l, i) => (
              <Group key={l.key} gap="sm" align="flex-start" wrap="wrap" data-testid="return-line">
                <Stack gap={0} style={{ flex: '1 1 220px', minWidth: 200 }}>
                  <Text fw={600} size="sm">
                    {i + 1}. {text.name(l)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {l.sku} · {t('entry.lot')} {l.lotCode || '—'} · {t('entry.expiry')} {l.expiryDate ? text.date(l.expiryDate) : '—'}
                    {l.customerReturnNo ? ` · ${l.customerReturnNo}` : ''}
                  </Text>
                </Stack>
                <QuantityInput
                  label={t('entry.qty')}
                  placeholder={t('entry.qtyPlaceholder')}
                  value={l.qtyText}
                  units={l.units}
                  defaultUnit={l.units.find((u) => u.factor === 1)}
                  onChange={(value) => edit(l.key, { qtyText: value })}
                  error={problemAt(`lines.${i}.qty`) ?? problemAt(`lines.${i}.customerReturnLineId`) ?? problemAt(`lines.${i}.lotId`)}
                  w={170}
                  data-testid="line-qty"
                  autoFocus={i === lines.length - 1 && l.qtyText === ''}
                />
                <Select
                  label={t('entry.reason')}
                  data={reasonCodes.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
                  value={l.reasonCode}
                  allowDeselect={false}
                  onChange={(v) => v && edit(l.key, { reasonCode: v as DraftLine['reasonCode'] })}
                  w={200}
                  data-testid="line-reason"
                />
                <TextInput label={t('entry.note')} value={l.note} onChange={(e) => edit(l.key, { note: e.currentTarget.value })} style={{ flex: '1 1 140px' }} maxLength={500} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  aria-label={t('entry.remove')}
                  title={t('entry.remove')}
                  onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                  data-testid="remove-line"
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            ))
          )}
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('entry.claim')}
          description={`${t('entry.claimHint')} · ${t('entry.estimated')} ${text.money(estimate)}`}
          placeholder={fenToYuanText(estimate)}
          value={claimText}
          onChange={(e) => setClaimText(e.currentTarget.value)}
          error={problemAt('claimFen')}
          inputMode="decimal"
          data-testid="claim-input"
        />
        <TextInput label={t('entry.returnNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} data-testid="return-note" />
      </SimpleGrid>
      {failure !== null && !fieldOnly && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('entry.failed')} data-testid="save-error" role="alert">
          {text.error(failure)}
        </Alert>
      )}
      {failure !== null && fieldOnly && (
        <Text c="red" size="sm" data-testid="save-error" role="alert">
          {text.error(failure)}
        </Text>
      )}
      <Group justify="flex-end">
        <Button leftSection={<IconDeviceFloppy size={18} />} onClick={() => void save()} loading={saving} disabled={lines.length === 0 || supplierId === '' || warehouseId === ''} data-testid="save-draft">
          {t('entry.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function lotFields(l: SupplierReturnCandidateLot | SupplierReturnAwaitingLine) {
  return { productId: l.productId, lotId: l.lotId, sku: l.sku, nameZh: l.nameZh, nameEn: l.nameEn, lotCode: l.lotCode, expiryDate: l.expiryDate, units: l.units };
}

interface CandidateTablesProps {
  candidates: { data?: { lots: SupplierReturnCandidateLot[]; awaiting: SupplierReturnAwaitingLine[] } | null; error?: unknown; reload: () => void };
  lines: readonly DraftLine[];
  text: SupplierReturnText;
  ready: boolean;
  onAddLot: (lot: SupplierReturnCandidateLot) => void;
  onAddAwaiting: (line: SupplierReturnAwaitingLine) => void;
}

function CandidateTables({ candidates, lines, text, ready, onAddLot, onAddAwaiting }: CandidateTablesProps) {
  const { t } = text;
  if (!ready) return <Text c="dimmed" size="sm">{t('entry.chooseFirst')}</Text>;
  if (candidates.error !== undefined && !candidates.data) return <ErrorState error={candidates.error} onRetry={candidates.reload} />;
  if (!candidates.data) return <LoadingState />;
  const { lots, awaiting } = candidates.data;
  if (lots.length === 0 && awaiting.length === 0) return <Text c="dimmed" size="sm" data-testid="no-candidates">{t('entry.noCandidates')}</Text>;
  return (
    <Stack gap="sm">
      {awaiting.length > 0 && (
        <>
          <Text fw={600} size="sm">
            {t('entry.awaiting')}
          </Text>
          <ScrollArea.Autosize mah={220}>
            <Table verticalSpacing={4} aria-label={t('entry.awaiting')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('entry.customerReturn')}</Table.Th>
                  <Table.Th>{t('entry.product')}</Table.Th>
                  <Table.Th>{t('entry.lot')}</Table.Th>
                  <Table.Th ta="right">{t('entry.waiting')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awaiting.map((a) => {
                  const added = lines.some((l) => l.customerReturnLineId === a.customerReturnLineId);
                  return (
                    <Table.Tr key={a.customerReturnLineId} data-testid="awaiting-row">
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {a.customerReturnNo}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {a.customerName}
                        </Text>
                      </Table.Td>
                      <Table.Td>{text.name(a)}</Table.Td>
                      <Table.Td>{a.lotCode || '—'}</Table.Td>
                      <Table.Td ta="right">{text.qty(a.awaitingQty, a.units)}</Table.Td>
                      <Table.Td ta="right">
                        {added ? (
                          <Badge variant="light">{t('entry.added')}</Badge>
                        ) : (
                          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onAddAwaiting(a)}>
                            {t('entry.add')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </>
      )}
      {lots.length > 0 && (
        <ScrollArea.Autosize mah={280}>
          <Table verticalSpacing={4} highlightOnHover aria-label={t('entry.candidates')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('entry.product')}</Table.Th>
                <Table.Th>{t('entry.lot')}</Table.Th>
                <Table.Th>{t('entry.expiry')}</Table.Th>
                <Table.Th ta="right">{t('entry.available')}</Table.Th>
                <Table.Th ta="right">{t('entry.unitCost')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lots.map((lot) => (
                <Table.Tr key={lot.lotId} data-testid="candidate-row">
                  <Table.Td style={{ minWidth: 180 }}>
                    <Text size="sm" fw={600}>
                      {text.name(lot)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {lot.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td>{lot.lotCode || '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{lot.expiryDate ? text.date(lot.expiryDate) : '—'}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" fw={600}>
                      {text.qty(lot.available, lot.units)}
                    </Text>
                    {lot.reserved > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('entry.onHand')} {text.qty(lot.onHand, lot.units)} · {t('entry.reserved')} {text.qty(lot.reserved, lot.units)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{lot.unitCostFen === null ? '—' : text.money(lot.unitCostFen)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onAddLot(lot)} disabled={lot.available === 0} data-testid="add-candidate">
                      {t('entry.add')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
