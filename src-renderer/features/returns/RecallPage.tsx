import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { ProductRow, RecallLookup } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { fieldErrors } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { ProductPicker, productPickerLabels } from '../../components/ProductPicker';
import { navigate } from '../../lib/router';
import { useReturnsText } from './useReturnsText';

/** '/returns/recall': every customer who received a lot, and one approved return each for what they still hold. */
export function RecallPage() {
  const text = useReturnsText();
  const { t } = text;
  const [product, setProduct] = useState<ProductRow | null>(null);
  const [lotCode, setLotCode] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<RecallLookup | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error, t);

  async function find(event: FormEvent) {
    event.preventDefault();
    if (!product) return;
    setError(null);
    try {
      setResult(await getApi()['returns.recallLookup']({ productId: product.id, lotCode: lotCode.trim() }));
    } catch (e) {
      setError(e);
    }
  }

  async function start() {
    if (!product) return;
    setBusy(true);
    try {
      const started = await getApi()['returns.startRecall']({ productId: product.id, lotCode: lotCode.trim(), note });
      notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('recall.started', { count: started.returns.length }) });
      navigate('/returns', { status: 'approved' });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const open = result?.holders.filter((h) => h.returnable > 0) ?? [];
  return (
    <Stack gap="md">
      <PageHeader title={t('recall.title')} subtitle={t('recall.subtitle')} backTo="/returns" backLabel={t('list.title')} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <ProductPicker
            onPick={(p) => {
              setProduct(p);
              setResult(null);
            }}
            labels={productPickerLabels(t)}
            size="md"
            data-testid="recall-product"
          />
          {product && (
            <Text fw={600} data-testid="recall-product-name">
              {product.sku} · {text.name(product)}
            </Text>
          )}
          <form onSubmit={(e) => void find(e)}>
            <Group align="flex-end">
              <TextInput label={t('recall.lotCode')} value={lotCode} onChange={(e) => setLotCode(e.currentTarget.value)} error={fields.lotCode} w={220} data-testid="recall-lot" />
              <Button type="submit" leftSection={<IconSearch size={16} />} disabled={!product || lotCode.trim() === ''} data-testid="recall-find">
                {t('recall.find')}
              </Button>
            </Group>
          </form>
        </Stack>
      </Paper>
      {error !== null && Object.keys(fields).length === 0 && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          {text.error(error)}
        </Alert>
      )}
      {result && (
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            {t('recall.holders')}
          </Title>
          {result.lot === null ? (
            <Text c="dimmed">{t('recall.notFound')}</Text>
          ) : result.holders.length === 0 ? (
            <Text c="dimmed">{t('recall.none')}</Text>
          ) : (
            <Stack gap="sm">
              <Table.ScrollContainer minWidth={700}>
                <Table aria-label={t('recall.holders')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('list.customer')}</Table.Th>
                      <Table.Th>{t('list.delivery')}</Table.Th>
                      <Table.Th>{t('list.date')}</Table.Th>
                      <Table.Th ta="right">{t('entry.delivered')}</Table.Th>
                      <Table.Th ta="right">{t('entry.returned')}</Table.Th>
                      <Table.Th ta="right">{t('entry.returnable')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.holders.map((h) => (
                      <Table.Tr key={h.deliveryId} data-testid="recall-holder">
                        <Table.Td>
                          {h.customerCode} · {h.customerName}
                        </Table.Td>
                        <Table.Td ff="monospace">{h.deliveryNo}</Table.Td>
                        <Table.Td>{text.date(h.businessDate)}</Table.Td>
                        <Table.Td ta="right">{text.qty(h.delivered, result.product?.units ?? [])}</Table.Td>
                        <Table.Td ta="right">{text.qty(h.returned, result.product?.units ?? [])}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {text.qty(h.returnable, result.product?.units ?? [])}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group align="flex-end">
                <TextInput label={t('recall.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} maxLength={500} />
                <Button color="red" loading={busy} disabled={open.length === 0} onClick={() => void start()} data-testid="recall-start">
                  {t('recall.start', { count: open.length })}
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
