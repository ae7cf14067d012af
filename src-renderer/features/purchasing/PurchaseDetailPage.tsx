import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import { displayUnits } from './poDraft';
import { ProductCell } from './ProductCell';
import { PurchaseStatusBadge } from './PurchaseStatusBadge';
import { usePurchasingText } from './usePurchasingText';


/** A purchase order: what was ordered, what came (from its receipts), what is open; the actions its state allows. */
export function PurchaseDetailPage({ params }: { params: Record<string, string> }) {
  const text = usePurchasingText();
  const { t } = text;
  const id = params.id ?? '';
  const order = useApiQuery(() => getApi()['purchasing.get']({ id }), [id]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (order.error !== undefined && !order.data) return <ErrorState error={order.error} onRetry={order.reload} />;
  if (!order.data) return <LoadingState />;
  const po = order.data;
  const can = (a: string) => po.allowedActions.includes(a as never);

  const act = async (call: () => Promise<unknown>, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setFailure(null);
    try {
      await call();
      order.reload();
    } catch (error) {
      setFailure(text.error(error));
    } finally {
      setBusy(false);
    }
  };

  const actions = (
    <Group gap="xs">
      {can('edit') && (
        <Button variant="default" onClick={() => navigate(`/purchasing/${po.id}/edit`)}>
          {t('detail.edit')}
        </Button>
      )}
      {can('send') && (
        <Button loading={busy} onClick={() => void act(() => getApi()['purchasing.send']({ id: po.id }))} data-testid="po-send">
          {t('detail.send')}
        </Button>
      )}
      {can('receive') && (
        <Button color="teal" onClick={() => navigate(`/purchasing/${po.id}/receive`)} data-testid="po-receive">
          {t('detail.receive')}
        </Button>
      )}
      {can('close') && (
        <Button variant="light" color="orange" loading={busy} onClick={() => void act(() => getApi()['purchasing.close']({ id: po.id }), t('detail.confirmClose'))} data-testid="po-close">
          {t('detail.close')}
        </Button>
      )}
      {can('cancel') && (
        <Button variant="light" color="red" loading={busy} onClick={() => void act(() => getApi()['purchasing.cancel']({ id: po.id }), t('detail.confirmCancel'))} data-testid="po-cancel">
          {t('detail.cancel')}
        </Button>
      )}
    </Group>
  );

  return (
    <Stack gap="md">
      <PageHeader title={po.docNo} backTo="/purchasing" badges={<PurchaseStatusBadge status={po.status} text={text} size="lg" />} actions={actions} />
      {failure && (
        <Alert color="red" data-testid="po-error">
          {failure}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, md: 5 }}>
        {[
          [t('detail.supplier'), `${po.supplierCode} ${po.supplierName}`],
          [t('detail.warehouse'), po.warehouseName],
          [t('detail.orderDate'), text.date(po.orderDate)],
          [t('detail.expected'), text.date(po.expectedDate)],
          [t('detail.value'), text.money(po.totalValueFen)],
        ].map(([label, value]) => (
          <Paper withBorder radius="md" p="sm" key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      {po.note && <Text c="dimmed">{po.note}</Text>}
      <Paper withBorder radius="md" p={0}>
        <Title order={4} p="sm">
          {t('detail.lines')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" data-testid="po-detail-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('detail.product')}</Table.Th>
                <Table.Th ta="right">{t('detail.ordered')}</Table.Th>
                <Table.Th ta="right">{t('detail.received')}</Table.Th>
                <Table.Th ta="right">{t('detail.closed')}</Table.Th>
                <Table.Th ta="right">{t('detail.open')}</Table.Th>
                <Table.Th ta="right">{t('detail.unitCost')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {po.lines.map((l) => {
                const units = displayUnits(l);
                return (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.lineNo}</Table.Td>
                    <Table.Td>
                      <ProductCell line={l} text={text} />
                    </Table.Td>
                    <Table.Td ta="right">{text.qty(l.qty, units)}</Table.Td>
                    <Table.Td ta="right" data-testid="po-line-received">
                      {text.qty(l.received, units)}
                    </Table.Td>
                    <Table.Td ta="right">{l.closed > 0 ? text.qty(l.closed, units) : '—'}</Table.Td>
                    <Table.Td ta="right" fw={l.open > 0 ? 700 : undefined}>
                      {text.qty(l.open, units)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {text.money(l.unitCostFen)} / {text.name({ nameZh: l.unitNameZh, nameEn: l.unitNameEn })}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="md" p="sm">
          <Title order={4} mb="xs">
            {t('detail.receipts')}
          </Title>
          {po.receipts.length === 0 ? (
            <Text c="dimmed">{t('detail.noReceipts')}</Text>
          ) : (
            <Stack gap={4}>
              {po.receipts.map((r) => (
                <Group key={r.id} gap="sm" data-testid="po-receipt">
                  <Text ff="monospace" size="sm">
                    {r.docNo}
                  </Text>
                  <Text size="sm">{text.date(r.businessDate)}</Text>
                  <Text size="sm">{text.number(r.qty)}</Text>
                  <Text size="sm">{text.money(r.valueFen)}</Text>
                  {r.reversed && <Badge color="red">{t('detail.reversed')}</Badge>}
                </Group>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="sm">
          <Title order={4} mb="xs">
            {t('detail.events')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} data-testid="po-events">
            {po.events.map((e) => (
              <Timeline.Item key={e.id} title={t(`detail.action.${e.action}`)}>
                <Text size="xs" c="dimmed">
                  {text.dateTime(e.at)} · {t(`status.${e.toStatus}`)}
                  {e.documentNo ? ` · ${e.documentNo}` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
