import { Alert, Anchor, Badge, Grid, Group, List, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconGift } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { SalesOrderDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { ExportMenu } from '../../components/ExportMenu';
import { recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { CreditPanel } from './CreditPanel';
import { OrderActions } from './OrderActions';
import classes from './sales.module.css';
import { SalesStatusBadge } from './SalesStatusBadge';
import { useSalesText, type SalesText } from './useSalesText';

/** One order: what was ordered and what became of it, the pick list, documents and tracking. */
export function OrderDetailPage({ params }: { params: Record<string, string> }) {
  const text = useSalesText();
  const { t } = text;
  const id = params.id ?? '';
  const loaded = useApiQuery(() => getApi()['sales.get']({ id }), [id]);
  const timeZone = useAppInfo().info.branch?.timeZone;
  const [order, setOrder] = useState<SalesOrderDetail | null>(null);
  useEffect(() => setOrder(loaded.data ?? null), [loaded.data]);

  if (!order) {
    return (
      <Stack gap="md">
        <PageHeader title={t('detail.title')} backTo="/sales" backLabel={t('entry.back')} />
        {loaded.error ? <ErrorState error={recordLoadError(loaded.error, 'salesOrder')} onRetry={loaded.reload} /> : <LoadingState />}
      </Stack>
    );
  }

  const fact = (label: string, value: ReactNode, testId?: string) => (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={order.docNo}
        documentTitle={`${t('detail.title')} ${order.docNo}`}
        backTo="/sales"
        backLabel={t('entry.back')}
        badges={<SalesStatusBadge status={order.status} text={text} size="lg" />}
      />
      <OrderActions order={order} text={text} onChanged={setOrder} />
      <PrintMenus order={order} text={text} />

      {order.status === 'pending_approval' && order.approvalReasons.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle />} title={t('detail.waitsForApproval')} data-testid="approval-reasons">
          <List size="sm">
            {order.approvalReasons.map((r, i) => (
              <List.Item key={i}>{text.reason(r)}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          {fact(
            t('detail.customer'),
            <>
              {order.customerName}{' '}
              <Text span c="dimmed" size="sm">
                {order.customerCode}
              </Text>
            </>,
            'detail-customer',
          )}
          {fact(t('detail.customerKind'), `${t(`class.${order.customerClass}`)} · ${t(`channel.${order.customerChannel}`)}`)}
          {fact(t('detail.date'), text.date(order.businessDate))}
          {fact(t('detail.requested'), order.requestedDate ? text.date(order.requestedDate) : '—')}
          {fact(t('detail.salesperson'), order.salesperson || '—')}
          {fact(t('detail.warehouse'), order.warehouseName)}
        </SimpleGrid>
        {(order.note || order.approvedAt !== null || order.minShelfLifePermille > 0) && (
          <Group gap="xl" mt="sm">
            {order.note && fact(t('entry.note'), order.note)}
            {order.approvedAt !== null &&
              fact(t('detail.approved'), `${order.events.findLast((e) => e.action === 'approve')?.userName ?? order.approvedBy ?? ''} · ${text.dateTime(order.approvedAt, timeZone)}`)}
            {order.minShelfLifePermille > 0 && fact(t('detail.shelfLife'), t('entry.shelfLifeRule', { pct: Math.round(order.minShelfLifePermille / 10) }))}
          </Group>
        )}
      </Paper>

      <OrderLinesTable order={order} text={text} />

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <PickList order={order} text={text} />
            <Documents order={order} text={text} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            {order.credit && (
              <Stack gap={4}>
                <Title order={4}>{t('detail.credit')}</Title>
                <CreditPanel credit={order.credit} text={text} />
              </Stack>
            )}
            <Tracking order={order} text={text} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function OrderLinesTable({ order, text }: { order: SalesOrderDetail; text: SalesText }) {
  const { t } = text;
  const q = (n: number, l: SalesOrderDetail['lines'][number]) => (n === 0 ? '—' : text.lineQty(n, l));
  // Closed quantities exist only after a short close; the column is shown when there are some.
  const anyClosed = order.lines.some((l) => l.closed > 0);
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing="xs" horizontalSpacing="xs" fz="sm" aria-label={t('detail.lines')} data-testid="order-lines" className={classes.detailTable}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th miw={200}>{t('line.product')}</Table.Th>
              <Table.Th>{t('detail.ordered')}</Table.Th>
              <Table.Th>{t('detail.allocated')}</Table.Th>
              <Table.Th>{t('detail.delivered')}</Table.Th>
              <Table.Th>{t('detail.invoiced')}</Table.Th>
              {anyClosed && <Table.Th>{t('detail.closed')}</Table.Th>}
              <Table.Th ta="right">{t('line.price')}</Table.Th>
              <Table.Th ta="right">{t('line.discount')}</Table.Th>
              <Table.Th ta="right">{t('line.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((l) => (
              <Table.Tr key={l.id} data-testid="detail-line" bg={l.free ? 'var(--mantine-color-grape-0)' : undefined}>
                <Table.Td>{l.lineNo}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {l.free && (
                      <Badge color="grape" size="sm" leftSection={<IconGift size={12} />} data-testid="free-badge" style={{ flexShrink: 0 }}>
                        {t('line.free')}
                      </Badge>
                    )}
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {text.name(l)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.sku}
                        {l.free && l.parentLineNo !== null ? ` · ${t('detail.freeFor', { line: l.parentLineNo })}` : ''}
                      </Text>
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td className={classes.nowrap} data-testid="line-ordered">
                  {text.lineQty(l.qty, l)}
                </Table.Td>
                <Table.Td className={classes.nowrap} data-testid="line-allocated">
                  {q(l.allocated, l)}
                </Table.Td>
                <Table.Td className={classes.nowrap} data-testid="line-delivered">
                  {q(l.delivered, l)}
                </Table.Td>
                <Table.Td className={classes.nowrap}>{q(l.invoiced, l)}</Table.Td>
                {anyClosed && <Table.Td className={classes.nowrap}>{q(l.closed, l)}</Table.Td>}
                <Table.Td className={classes.amount}>
                  {l.free ? '—' : `${text.money(l.unitPriceFen)}/${text.name({ nameZh: l.unitNameZh, nameEn: l.unitNameEn })}`}
                </Table.Td>
                <Table.Td className={classes.amount}>{l.discountBp > 0 ? text.percent(l.discountBp) : '—'}</Table.Td>
                <Table.Td className={classes.amount}>{text.money(l.netFen)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Td colSpan={anyClosed ? 7 : 6} />
              <Table.Td colSpan={3} className={classes.amount}>
                <Text size="sm">
                  {t('totals.net')} {text.money(order.totals.netFen)} · {t('totals.tax')} {text.money(order.totals.taxFen)}
                </Text>
                <Text fw={700} size="lg" data-testid="detail-gross">
                  {t('totals.gross')} {text.money(order.totals.grossFen)}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** The allocation by lot, in bin order: what the picker takes from where (first expiry first out). */
function PickList({ order, text }: { order: SalesOrderDetail; text: SalesText }) {
  const { t } = text;
  const lineOf = new Map(order.lines.map((l) => [l.id, l]));
  const open = order.lines.filter((l) => !['cancelled', 'closed'].includes(order.status) && l.qty - l.closed - l.delivered - l.allocated > 0);
  const confirmed = !['quote', 'pending_approval', 'cancelled'].includes(order.status);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('detail.pickList')}
      </Title>
      {order.allocations.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('detail.nothingAllocated')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" data-testid="pick-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.location')}</Table.Th>
                <Table.Th>{t('line.product')}</Table.Th>
                <Table.Th>{t('detail.lot')}</Table.Th>
                <Table.Th>{t('detail.expiry')}</Table.Th>
                <Table.Th>{t('detail.qty')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {order.allocations.map((a) => {
                const l = lineOf.get(a.lineId);
                return (
                  <Table.Tr key={`${a.lineId}-${a.lotId}`} data-testid="pick-row">
                    <Table.Td ff="monospace" className={classes.nowrap}>
                      {a.location ?? '—'}
                    </Table.Td>
                    <Table.Td>{l ? `${l.lineNo}. ${text.name(l)}` : ''}</Table.Td>
                    <Table.Td ff="monospace">{a.lotCode}</Table.Td>
                    <Table.Td className={classes.nowrap}>{a.expiryDate ? text.date(a.expiryDate) : '—'}</Table.Td>
                    <Table.Td className={classes.nowrap}>{l ? text.lineQty(a.qty, l) : a.qty}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {confirmed && open.length > 0 && (
        <Alert color="yellow" mt="sm" icon={<IconAlertTriangle />} title={t('detail.backorder')} data-testid="backorder">
          <List size="sm">
            {open.map((l) => (
              <List.Item key={l.id}>
                {t('detail.backorderLine', { line: l.lineNo, product: text.name(l), qty: text.lineQty(l.qty - l.closed - l.delivered - l.allocated, l), available: text.lineQty(l.available, l) })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}

function Documents({ order, text }: { order: SalesOrderDetail; text: SalesText }) {
  const { t } = text;
  if (order.deliveries.length === 0 && order.invoices.length === 0) {
    return (
      <Paper withBorder>
        <EmptyState title={t('detail.noDocuments')} description={t('detail.noDocumentsText')} minHeight={120} />
      </Paper>
    );
  }
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('detail.documents')}
      </Title>
      <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm" data-testid="order-documents">
        <Table.Tbody>
          {order.deliveries.map((d) => (
            <Table.Tr key={d.id} data-testid="delivery-row">
              <Table.Td className={classes.nowrap}>{t('detail.delivery')}</Table.Td>
              <Table.Td>
                <Anchor href={`#/stock/documents/${d.id}`} ff="monospace" size="sm" className={classes.nowrap}>
                  {d.docNo}
                </Anchor>
              </Table.Td>
              <Table.Td className={classes.nowrap}>{text.date(d.businessDate)}</Table.Td>
              <Table.Td>{t('detail.units', { n: text.number(d.qty) })}</Table.Td>
              <Table.Td className={classes.amount}>{t('detail.atCost', { value: text.money(d.valueFen) })}</Table.Td>
            </Table.Tr>
          ))}
          {order.invoices.map((i) => (
            <Table.Tr key={i.id} data-testid="invoice-row">
              <Table.Td className={classes.nowrap}>{t('detail.invoice')}</Table.Td>
              <Table.Td ff="monospace" className={classes.nowrap}>
                {i.docNo}
              </Table.Td>
              <Table.Td className={classes.nowrap}>{text.date(i.businessDate)}</Table.Td>
              <Table.Td className={classes.nowrap}>
                {t('detail.due', { date: text.date(i.dueDate) })}
                {i.overdue && (
                  <Badge color="red" variant="light" ml={6} size="sm">
                    {t('detail.overdue')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td className={classes.amount}>
                {text.money(i.grossFen)}
                {i.openFen > 0 && i.openFen < i.grossFen ? ` · ${t('detail.open', { value: text.money(i.openFen) })}` : ''}
                {i.openFen === 0 ? ` · ${t('detail.paid')}` : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

const reasonCodes = new Set(['CREDIT_LIMIT', 'PRICE_BELOW_FLOOR', 'DISCOUNT_LARGE']);

/** A confirmation's note lists why it waits for approval as reason codes; a person's note is quoted. */
function noteText(note: string, text: SalesText): string {
  const codes = note.split(/[,\s]+/).filter(Boolean);
  if (codes.every((c) => reasonCodes.has(c))) return codes.map((c) => text.t(`reasonShort.${c}`)).join('、');
  return `“${note}”`;
}

/** The status history: who did what when, with the notes they left (order tracking). */
function Tracking({ order, text }: { order: SalesOrderDetail; text: SalesText }) {
  const { t } = text;
  const { info } = useAppInfo();
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('detail.tracking')}
      </Title>
      <Timeline active={order.events.length - 1} bulletSize={14} lineWidth={2} data-testid="order-tracking">
        {order.events.map((e) => (
          <Timeline.Item key={e.id} title={t(`events.${e.action}`, { defaultValue: e.action })} data-testid="tracking-event">
            <Text size="xs" c="dimmed">
              {text.dateTime(e.at, info.branch?.timeZone)} · {e.userName ?? e.userId} · {t(`status.${e.toStatus}`, { defaultValue: e.toStatus })}
            </Text>
            {e.documentNo && (
              <Text size="xs" ff="monospace">
                {e.documentNo}
              </Text>
            )}
            {e.note && <Text size="sm">{noteText(e.note, text)}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

/** Pick list while stock is reserved, delivery note once goods left, invoice once invoiced (sales.print). */
function PrintMenus({ order, text }: { order: SalesOrderDetail; text: SalesText }) {
  const { t } = text;
  const print = (kind: 'pickList' | 'deliveryNote' | 'invoice') => (format: 'xlsx' | 'csv' | 'pdf') =>
    getApi()['sales.print']({ id: order.id, kind, format: format === 'csv' ? 'xlsx' : format });
  const kinds = [
    { kind: 'pickList' as const, show: order.allocations.length > 0, label: t('print.pickList') },
    { kind: 'deliveryNote' as const, show: order.deliveries.length > 0, label: t('print.deliveryNote') },
    { kind: 'invoice' as const, show: order.invoices.length > 0, label: t('print.invoice') },
  ].filter((k) => k.show);
  if (kinds.length === 0) return null;
  return (
    <Group gap="xs" data-testid="order-print">
      {kinds.map((k) => (
        <ExportMenu key={k.kind} make={print(k.kind)} formats={['pdf', 'xlsx']} label={k.label} testId={`print-${k.kind}`} />
      ))}
    </Group>
  );
}
