import {
  ActionIcon,
  Alert,
  Button,
  Chip,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { IconAlertCircle, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { getApi } from '../../api/getApi';
import { errorCode } from '../../components/errors';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker } from '../../components/ProductPicker';
import { ScanField, type ScanOutcome } from '../../components/ScanField';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { useCountsText } from './useCountsText';

type Scope = 'full' | 'partial' | 'cycle';
type AbcClass = 'A' | 'B' | 'C';

interface ChosenProduct {
  id: string;
  sku: string;
  nameZh: string;
  nameEn: string;
}

export function NewCountPage() {
  const text = useCountsText();
  const { t } = text;
  const masters = useApiQuery(async () => {
    const api = getApi();
    const [warehouses, categories] = await Promise.all([api['master.warehouses']({}), api['master.categories']({})]);
    return { warehouses: warehouses.filter((w) => w.active), categories };
  }, []);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>('full');
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [zones, setZones] = useState<string[]>([]);
  const [products, setProducts] = useState<ChosenProduct[]>([]);
  const [abc, setAbc] = useState<AbcClass[]>(['A']);
  const [blind, setBlind] = useState(true);
  const [recountPct, setRecountPct] = useState<number | string>(5);
  const [approvalYuan, setApprovalYuan] = useState<number | string>(500);
  const [note, setNote] = useState('');
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);

  useEffect(() => {
    if (warehouseId === null && masters.data?.warehouses[0]) setWarehouseId(masters.data.warehouses[0].id);
  }, [masters.data, warehouseId]);
  const zoneList = useApiQuery(() => (warehouseId ? getApi()['counts.zones']({ warehouseId }) : Promise.resolve([])), [warehouseId]);

  const addProduct = (p: ChosenProduct) => setProducts((list) => (list.some((x) => x.id === p.id) ? list : [...list, p]));
  const onScan = async (code: string): Promise<ScanOutcome> => {
    try {
      const hit = await getApi()['products.lookupBarcode']({ barcode: code });
      addProduct(hit.product);
      return { ok: true, message: t('plan.scanAdded', { product: text.name(hit.product) }) };
    } catch (error) {
      return { ok: false, message: errorCode(error) === 'BARCODE_UNKNOWN' ? t('plan.scanUnknown', { barcode: code }) : text.error(error) };
    }
  };

  const start = async () => {
    if (!warehouseId) return;
    setStarting(true);
    setFailure(undefined);
    try {
      const count = await getApi()['counts.start']({
        warehouseId,
        scope,
        blind,
        note,
        recountPermille: Math.round(Number(recountPct) * 10),
        approvalValueFen: Math.round(Number(approvalYuan) * 100),
        ...(scope === 'partial' ? { categoryIds, zones, productIds: products.map((p) => p.id) } : {}),
        ...(scope === 'cycle' ? { abcClasses: abc } : {}),
      });
      navigate(`/counts/${count.id}/count`);
    } catch (error) {
      setFailure(error);
      setStarting(false);
    }
  };

  if (!masters.data) return <LoadingState />;
  const emptyPartial = scope === 'partial' && categoryIds.length === 0 && zones.length === 0 && products.length === 0;
  const emptyCycle = scope === 'cycle' && abc.length === 0;

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('plan.title')} backTo="/counts" backLabel={t('plan.backLabel')} />
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('plan.warehouse')}
              data={masters.data.warehouses.map((w) => ({ value: w.id, label: w.name }))}
              value={warehouseId}
              onChange={setWarehouseId}
              allowDeselect={false}
              error={warehouseId === null ? t('plan.warehouseRequired') : undefined}
              data-testid="count-warehouse"
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('plan.scope')}
              </Text>
              <SegmentedControl
                value={scope}
                onChange={(v) => setScope(v as Scope)}
                data={(['full', 'partial', 'cycle'] as const).map((s) => ({ value: s, label: t(`scope.${s}`) }))}
                data-testid="count-scope"
              />
            </Stack>
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t(`plan.scopeHelp.${scope}`)}
          </Text>

          {scope === 'partial' && (
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <MultiSelect
                  label={t('plan.categories')}
                  placeholder={t('plan.categoriesPlaceholder')}
                  data={masters.data.categories.map((c) => ({ value: c.id, label: text.name(c) }))}
                  value={categoryIds}
                  onChange={setCategoryIds}
                  searchable
                  clearable
                  data-testid="count-categories"
                />
                <MultiSelect
                  label={t('plan.zones')}
                  placeholder={zoneList.data && zoneList.data.length === 0 ? t('plan.noZones') : t('plan.zonesPlaceholder')}
                  data={(zoneList.data ?? []).map((z) => ({ value: z.zone, label: t('plan.zoneOption', { zone: z.zone, n: z.products }) }))}
                  value={zones}
                  onChange={setZones}
                  disabled={!zoneList.data || zoneList.data.length === 0}
                  clearable
                  data-testid="count-zones"
                />
              </SimpleGrid>
              <Text size="sm" fw={500}>
                {t('plan.products')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <ScanField onScan={onScan} label={t('plan.scanLabel')} placeholder={t('plan.scanPlaceholder')} size="md" captureStrayKeys={false} />
                <ProductPicker
                  size="md"
                  onPick={addProduct}
                  labels={{ label: t('plan.pickerLabel'), placeholder: t('plan.pickerPlaceholder'), nothingFound: t('plan.nothingFound'), loadFailed: t('plan.loadFailed') }}
                />
              </SimpleGrid>
              {products.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('plan.productsEmpty')}
                </Text>
              ) : (
                <Table verticalSpacing={4} data-testid="count-products">
                  <Table.Tbody>
                    {products.map((p) => (
                      <Table.Tr key={p.id}>
                        <Table.Td ff="monospace" w={120}>
                          {p.sku}
                        </Table.Td>
                        <Table.Td>{text.name(p)}</Table.Td>
                        <Table.Td w={48}>
                          <ActionIcon variant="subtle" color="gray" aria-label={t('plan.remove')} onClick={() => setProducts((l) => l.filter((x) => x.id !== p.id))}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}

          {scope === 'cycle' && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('plan.abc')}
              </Text>
              <Chip.Group multiple value={abc} onChange={(v) => setAbc(v as AbcClass[])}>
                <Group gap="xs">
                  {(['A', 'B', 'C'] as const).map((c) => (
                    <Chip key={c} value={c}>
                      {c}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Stack>
          )}

          <Switch checked={blind} onChange={(e) => setBlind(e.currentTarget.checked)} label={t('plan.blind')} description={t('plan.blindHelp')} data-testid="count-blind" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label={t('plan.recountPct')} value={recountPct} onChange={setRecountPct} min={0} max={100} decimalScale={1} />
            <NumberInput label={t('plan.approvalValue')} value={approvalYuan} onChange={setApprovalYuan} min={0} max={10_000_000} decimalScale={2} thousandSeparator="," />
          </SimpleGrid>
          <Textarea label={t('plan.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} autosize minRows={1} />
          {failure !== undefined && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} title={t('plan.startFailed')} data-testid="count-start-error">
              {text.error(failure)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              size="md"
              leftSection={<IconPlayerPlay size={18} />}
              onClick={() => void start()}
              loading={starting}
              disabled={!warehouseId || emptyPartial || emptyCycle}
              data-testid="count-start"
            >
              {t('plan.start')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
