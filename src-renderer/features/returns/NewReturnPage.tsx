import { ActionIcon, Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { CustomerRow, MethodInput, ProductRow, ReturnPreview, ReturnReasonCode, ReturnableDelivery } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { fieldErrors } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker, productPickerLabels } from '../../components/ProductPicker';
import { QuantityInput } from '../../components/QuantityInput';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { useReturnsText, type ReturnsText } from './useReturnsText';

const reasonCodes: readonly ReturnReasonCode[] = ['damaged', 'expired', 'quality', 'wrong_item', 'over_ordered', 'recall'];

interface Row {
  key: string;
  deliveryLineId?: string;
  productId: string;
  nameZh: string;
  nameEn: string;
  units: { code: string; nameZh: string; nameEn: string; factor: number }[];
  baseUnitCode: string;
  lotId: string | null;
  lotCode: string | null;
  unknownLot: boolean;
  free: boolean;
  delivered?: number;
  returned?: number;
  returnable?: number;
  qtyText: string;
  reasonCode: ReturnReasonCode;
  note: string;
}

type Draft = MethodInput<'returns.create'>;

/** The rows with a quantity, as the API takes them, and which row each sent line came from. */
function toDraft(customerId: string, deliveryId: string | null, rows: readonly Row[]): { draft: Draft | null; rowOf: number[]; invalid: Set<string> } {
  const lines: Draft['lines'] = [];
  const rowOf: number[] = [];
  const invalid = new Set<string>();
  rows.forEach((r, i) => {
    if (r.qtyText.trim() === '') return;
    const base = r.units.find((u) => u.factor === 1);
    const parsed = parseQuantityInput(r.qtyText, r.units, base);
    if (!parsed.ok || parsed.qty <= 0) {
      invalid.add(r.key);
      return;
    }
    lines.push({
      ...(r.deliveryLineId ? { deliveryLineId: r.deliveryLineId } : {}),
      productId: r.productId,
      unitCode: r.baseUnitCode,
      qty: parsed.qty,
      ...(r.deliveryLineId ? { lotId: r.unknownLot ? null : r.lotId } : {}),
      reasonCode: r.reasonCode,
      note: r.note,
    });
    rowOf.push(i);
  });
  if (customerId === '' || lines.length === 0) return { draft: null, rowOf, invalid };
  return { draft: { customerId, ...(deliveryId ? { deliveryId } : {}), lines }, rowOf, invalid };
}

function CustomerSelect({ text, value, onChange }: { text: ReturnsText; value: CustomerRow | null; onChange: (c: CustomerRow | null) => void }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const customers = useApiQuery(() => getApi()['customers.list']({ q: query, limit: 20, offset: 0 }), [query], { keepPreviousData: true });
  const rows = customers.data?.rows ?? [];
  const data = [...(value && !rows.some((r) => r.id === value.id) ? [value] : []), ...rows].map((c) => ({ value: c.id, label: `${c.code} · ${c.name}`, disabled: !c.active }));
  return (
    <Select
      label={text.t('entry.customer')}
      placeholder={text.t('entry.customerPlaceholder')}
      searchable
      clearable
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => onChange([...(value ? [value] : []), ...rows].find((c) => c.id === id) ?? null)}
      nothingFoundMessage={customers.error ? text.error(customers.error) : '—'}
      w={360}
      data-testid="return-customer"
    />
  );
}

/** '/returns/new': a customer return from one of the customer's deliveries, or (for a manager to approve) without one. */
export function NewReturnPage() {
  const text = useReturnsText();
  const { t } = text;
  const [customer, setCustomer] = useState<CustomerRow | null>(null);
  const [mode, setMode] = useState<'delivery' | 'free'>('delivery');
  const [delivery, setDelivery] = useState<ReturnableDelivery | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const deliveries = useApiQuery(
    () => (customer ? getApi()['returns.deliveries']({ customerId: customer.id, limit: 50, offset: 0 }) : Promise.resolve(null)),
    [customer?.id],
  );

  const chooseDelivery = (d: ReturnableDelivery | null) => {
    setDelivery(d);
    setRows(
      (d?.lines ?? []).map((l) => ({
        key: l.deliveryLineId,
        deliveryLineId: l.deliveryLineId,
        productId: l.productId,
        nameZh: l.nameZh,
        nameEn: l.nameEn,
        units: l.units,
        baseUnitCode: l.baseUnitCode,
        lotId: l.lotId,
        lotCode: l.lotCode,
        unknownLot: false,
        free: l.free,
        delivered: l.delivered,
        returned: l.returned,
        returnable: l.returnable,
        qtyText: '',
        reasonCode: 'damaged',
        note: '',
      })),
    );
  };

  const { draft, rowOf, invalid } = useMemo(() => toDraft(customer?.id ?? '', mode === 'delivery' ? (delivery?.deliveryId ?? null) : null, rows), [customer, mode, delivery, rows]);
  const [debouncedDraft] = useDebouncedValue(draft, 300);
  useEffect(() => {
    if (!debouncedDraft) {
      setPreview(null);
      return;
    }
    let live = true;
    const api = getApi();
    api['returns.preview'](debouncedDraft)
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setPreview(null);
        setError(e);
      });
    return () => {
      live = false;
    };
  }, [debouncedDraft]);

  // Errors the API gave by line, shown next to the row they belong to.
  const byField = fieldErrors(error, t);
  const rowError = (i: number, field: string): string | undefined => {
    const sent = rowOf.indexOf(i);
    return sent >= 0 ? byField[`lines.${sent}.${field}`] : undefined;
  };
  const fieldShown = Object.keys(byField).some((p) => p.startsWith('lines.'));
  const banner = error !== null && !fieldShown ? error : null;

  const update = (key: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    setError(null);
  };

  async function save() {
    if (!draft) return;
    setSaving(true);
    try {
      const created = await getApi()['returns.create'](draft);
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('entry.saved', { docNo: created.docNo }) });
      navigate(`/returns/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const addProduct = (p: ProductRow) => {
    if (!customer) return;
    setRows((rs) => [
      ...rs,
      {
        key: `${p.id}-${rs.length}`,
        productId: p.id,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        units: p.units,
        baseUnitCode: p.baseUnitCode,
        lotId: null,
        lotCode: null,
        unknownLot: true,
        free: false,
        qtyText: '',
        reasonCode: 'damaged',
        note: '',
      },
    ]);
  };

  const deliveryOptions = (deliveries.data?.rows ?? []).map((d) => ({
    value: d.deliveryId,
    label: `${d.docNo} · ${text.date(d.businessDate)}${d.withinWindow ? '' : ` · ${t('entry.outside')}`}`,
  }));

  return (
    <Stack gap="md">
      <PageHeader title={t('entry.title')} backTo="/returns" backLabel={t('list.title')} />
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md" wrap="wrap">
          <CustomerSelect
            text={text}
            value={customer}
            onChange={(c) => {
              setCustomer(c);
              chooseDelivery(null);
              setError(null);
            }}
          />
          <SegmentedControl
            value={mode}
            onChange={(v) => {
              setMode(v === 'free' ? 'free' : 'delivery');
              chooseDelivery(null);
            }}
            data={[
              { value: 'delivery', label: t('entry.fromDelivery') },
              { value: 'free', label: t('entry.withoutDelivery') },
            ]}
            aria-label={t('entry.mode')}
            data-testid="return-mode"
          />
        </Group>
      </Paper>

      {customer && mode === 'delivery' && (
        <Paper withBorder radius="md" p="md">
          {deliveries.error !== undefined && !deliveries.data ? (
            <ErrorState error={deliveries.error} onRetry={deliveries.reload} minHeight={100} />
          ) : !deliveries.data ? (
            <LoadingState minHeight={80} />
          ) : deliveries.data.total === 0 ? (
            <Text c="dimmed">{t('entry.noDeliveries')}</Text>
          ) : (
            <Group gap="md" align="flex-end">
              <Select
                label={t('entry.deliveries')}
                placeholder={t('entry.chooseDelivery')}
                data={deliveryOptions}
                value={delivery?.deliveryId ?? null}
                onChange={(id) => chooseDelivery(deliveries.data?.rows.find((d) => d.deliveryId === id) ?? null)}
                w={420}
                data-testid="return-delivery"
              />
              {delivery && (
                <Badge color={delivery.withinWindow ? 'teal' : 'orange'} variant="light" size="lg">
                  {delivery.windowDays === null ? t('entry.noWindow') : t('entry.window', { days: delivery.windowDays })}
                  {delivery.withinWindow ? '' : ` · ${t('entry.outside')}`}
                </Badge>
              )}
            </Group>
          )}
        </Paper>
      )}

      {customer && mode === 'free' && (
        <Paper withBorder radius="md" p="md">
          <ProductPicker onPick={addProduct} labels={productPickerLabels(t)} size="md" data-testid="return-product" />
        </Paper>
      )}

      {rows.length > 0 && (
        <Paper withBorder radius="md" p={0}>
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="xs" aria-label={t('detail.lines')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('entry.product')}</Table.Th>
                  {mode === 'delivery' && (
                    <>
                      <Table.Th>{t('entry.lot')}</Table.Th>
                      <Table.Th ta="right">{t('entry.delivered')}</Table.Th>
                      <Table.Th ta="right">{t('entry.returned')}</Table.Th>
                      <Table.Th ta="right">{t('entry.returnable')}</Table.Th>
                    </>
                  )}
                  <Table.Th>{t('entry.qty')}</Table.Th>
                  <Table.Th>{t('entry.reason')}</Table.Th>
                  <Table.Th>{t('entry.note')}</Table.Th>
                  {mode === 'free' && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r, i) => {
                  const base = r.units.find((u) => u.factor === 1);
                  const qtyError = invalid.has(r.key) ? t('entry.qtyInvalid') : rowError(i, 'qty');
                  return (
                    <Table.Tr key={r.key} data-testid="return-line">
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {text.name(r)}
                        </Text>
                        {r.free && (
                          <Badge color="grape" variant="light" size="sm">
                            {t('entry.free')}
                          </Badge>
                        )}
                      </Table.Td>
                      {mode === 'delivery' && (
                        <>
                          <Table.Td>
                            <Select
                              size="xs"
                              w={150}
                              aria-label={t('entry.lot')}
                              data={[
                                { value: 'delivered', label: r.lotCode || '—' },
                                { value: 'unknown', label: t('entry.unknownLot') },
                              ]}
                              value={r.unknownLot ? 'unknown' : 'delivered'}
                              allowDeselect={false}
                              onChange={(v) => update(r.key, { unknownLot: v === 'unknown' })}
                              error={rowError(i, 'lotId')}
                              data-testid="return-lot"
                            />
                          </Table.Td>
                          <Table.Td ta="right">{text.qty(r.delivered ?? 0, r.units)}</Table.Td>
                          <Table.Td ta="right">{text.qty(r.returned ?? 0, r.units)}</Table.Td>
                          <Table.Td ta="right" fw={600} data-testid="returnable">
                            {text.qty(r.returnable ?? 0, r.units)}
                          </Table.Td>
                        </>
                      )}
                      <Table.Td>
                        <QuantityInput
                          size="xs"
                          w={150}
                          aria-label={t('entry.qty')}
                          value={r.qtyText}
                          units={r.units}
                          {...(base ? { defaultUnit: base } : {})}
                          onChange={(v) => update(r.key, { qtyText: v })}
                          error={qtyError}
                          data-testid="return-qty"
                        />
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          w={150}
                          aria-label={t('entry.reason')}
                          data={reasonCodes.map((c) => ({ value: c, label: t(`reasons.${c}`) }))}
                          value={r.reasonCode}
                          allowDeselect={false}
                          onChange={(v) => update(r.key, { reasonCode: (v ?? 'damaged') as ReturnReasonCode })}
                          data-testid="return-reason"
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput size="xs" aria-label={t('entry.note')} value={r.note} onChange={(e) => update(r.key, { note: e.currentTarget.value })} maxLength={500} />
                      </Table.Td>
                      {mode === 'free' && (
                        <Table.Td>
                          <ActionIcon variant="subtle" color="red" aria-label={t('entry.remove')} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}

      {banner !== null && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="return-error">
          {text.error(banner)}
        </Alert>
      )}

      {preview && (
        <Paper withBorder radius="md" p="md" data-testid="return-preview">
          <Stack gap="xs">
            <Title order={4}>{t('entry.preview')}</Title>
            <Group gap="xl">
              <Text>
                {t('entry.credit')}: <b>{text.money(preview.totals.grossFen)}</b>
              </Text>
              <Text data-testid="free-deduction">
                {t('entry.deduction')}: <b>{text.money(preview.totals.freeGoodsDeductionFen)}</b>
              </Text>
              <Text data-testid="preview-credit">
                {t('entry.toCredit')}: <b>{text.money(preview.totals.creditFen)}</b>
              </Text>
            </Group>
            {preview.approvalReasons.length > 0 ? (
              <Alert color="orange" title={t('entry.needsApproval')} data-testid="approval-reasons">
                {preview.approvalReasons.map((r, i) => (
                  <Text key={i} size="sm">
                    {text.reason(r)}
                  </Text>
                ))}
              </Alert>
            ) : (
              <Text c="teal" size="sm">
                {t('entry.noApproval')}
              </Text>
            )}
          </Stack>
        </Paper>
      )}

      <Group justify="flex-end">
        <Button size="md" leftSection={<IconDeviceFloppy size={18} />} loading={saving} disabled={!draft || invalid.size > 0} onClick={() => void save()} data-testid="save-return">
          {t('entry.save')}
        </Button>
      </Group>
    </Stack>
  );
}
