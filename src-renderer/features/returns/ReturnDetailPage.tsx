import { Alert, Anchor, Badge, Button, Group, Modal, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { CustomerReturnDetail, ReturnAction } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { fieldErrors, recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { ReturnStatusBadge } from './ReturnStatusBadge';
import { useReturnsText, type ReturnsText } from './useReturnsText';

type Disposition = { restockQty: number; quarantineQty: number; scrapQty: number; supplierQty: number };
const dispositionKeys = ['restockQty', 'quarantineQty', 'scrapQty', 'supplierQty'] as const;
const dispositionLabels: Record<(typeof dispositionKeys)[number], string> = {
  restockQty: 'detail.restock',
  quarantineQty: 'detail.quarantine',
  scrapQty: 'detail.scrap',
  supplierQty: 'detail.supplier',
};

/** One action's call: busy while it runs, its error kept for the form, the new state handed on. */
function useReturnAction(onDone: (d: CustomerReturnDetail) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<CustomerReturnDetail>) => {
    setBusy(true);
    try {
      onDone(await call());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

/** Inspection: per line, how many are restocked, kept in quarantine, scrapped or kept for the supplier. */
function InspectForm({ r, text, onDone }: { r: CustomerReturnDetail; text: ReturnsText; onDone: (d: CustomerReturnDetail) => void }) {
  const { t } = text;
  // Goods of an unknown lot cannot go back to stock: they start in quarantine.
  const [values, setValues] = useState<Record<string, Disposition>>(() =>
    Object.fromEntries(r.lines.map((l) => [l.id, l.lotId === null ? { restockQty: 0, quarantineQty: l.qty, scrapQty: 0, supplierQty: 0 } : { restockQty: l.qty, quarantineQty: 0, scrapQty: 0, supplierQty: 0 }])),
  );
  const { error, busy, run } = useReturnAction(onDone);
  const fields = fieldErrors(error, t);
  const submit = () => run(() => getApi()['returns.inspect']({ id: r.id, lines: r.lines.map((l) => ({ lineId: l.id, ...(values[l.id] as Disposition) })) }));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('detail.inspectHint')}
      </Text>
      {r.lines.map((l, i) => (
        <Paper key={l.id} withBorder p="sm" data-testid="inspect-line">
          <Text fw={600} size="sm">
            {l.lineNo}. {text.name(l)} {l.lotCode ? `· ${l.lotCode}` : `· ${t('entry.unknownLot')}`} · {text.qty(l.qty, l.units)}
          </Text>
          <Group gap="xs" mt="xs" align="flex-start">
            {dispositionKeys.map((k) => (
              <NumberInput
                key={k}
                size="xs"
                w={110}
                label={t(dispositionLabels[k])}
                min={0}
                max={l.qty}
                allowDecimal={false}
                allowNegative={false}
                value={values[l.id]?.[k] ?? 0}
                onChange={(v) => setValues((all) => ({ ...all, [l.id]: { ...(all[l.id] as Disposition), [k]: typeof v === 'number' ? v : Number(v) || 0 } }))}
                error={k === 'restockQty' ? fields[`lines.${i}.restockQty`] : fields[`lines.${i}.${k}`]}
                data-testid={`inspect-${k}`}
              />
            ))}
          </Group>
        </Paper>
      ))}
      {error !== null && Object.keys(fields).length === 0 && <Alert color="red">{text.error(error)}</Alert>}
      <Group justify="flex-end">
        <Button loading={busy} onClick={() => void submit()} data-testid="inspect-submit">
          {t('detail.actions.inspect')}
        </Button>
      </Group>
    </Stack>
  );
}

function SettleForm({ r, text, onDone }: { r: CustomerReturnDetail; text: ReturnsText; onDone: (d: CustomerReturnDetail) => void }) {
  const { t } = text;
  const [settlement, setSettlement] = useState<'credit' | 'refund'>('credit');
  const [method, setMethod] = useState<'cash' | 'transfer'>('cash');
  const { error, busy, run } = useReturnAction(onDone);
  const submit = () => run(() => getApi()['returns.settle']({ id: r.id, settlement, ...(settlement === 'refund' ? { refundMethod: method } : {}) }));
  return (
    <Stack gap="sm">
      <Text>
        {t('entry.toCredit')}: <b>{text.money(r.totals.creditFen)}</b>
      </Text>
      <SegmentedControl
        value={settlement}
        onChange={(v) => setSettlement(v === 'refund' ? 'refund' : 'credit')}
        data={[
          { value: 'credit', label: t('detail.credit') },
          { value: 'refund', label: t('detail.refundOption') },
        ]}
        aria-label={t('detail.settlement')}
        data-testid="settle-kind"
      />
      {settlement === 'refund' && (
        <SegmentedControl
          value={method}
          onChange={(v) => setMethod(v === 'transfer' ? 'transfer' : 'cash')}
          data={[
            { value: 'cash', label: t('detail.cash') },
            { value: 'transfer', label: t('detail.transfer') },
          ]}
          aria-label={t('detail.method')}
        />
      )}
      {error !== null && <Alert color="red">{text.error(error)}</Alert>}
      <Group justify="flex-end">
        <Button loading={busy} onClick={() => void submit()} data-testid="settle-submit">
          {t('detail.actions.settle')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Approve, reject, cancel and receive: one click each, with an optional note (a reason to reject). */
function SimpleAction({ r, action, text, onDone }: { r: CustomerReturnDetail; action: 'approve' | 'reject' | 'cancel' | 'receive'; text: ReturnsText; onDone: (d: CustomerReturnDetail) => void }) {
  const { t } = text;
  const [note, setNote] = useState('');
  const { error, busy, run } = useReturnAction(onDone);
  const submit = () => run(() => getApi()[`returns.${action}`]({ id: r.id, note }));
  return (
    <Stack gap="sm">
      <TextInput label={action === 'reject' ? t('detail.rejectNote') : t('entry.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrors(error, t).note} data-autofocus />
      {error !== null && !fieldErrors(error, t).note && <Alert color="red">{text.error(error)}</Alert>}
      <Group justify="flex-end">
        <Button loading={busy} color={action === 'reject' || action === 'cancel' ? 'red' : 'blue'} onClick={() => void submit()} data-testid={`confirm-${action}`}>
          {t(`detail.actions.${action}`)}
        </Button>
      </Group>
    </Stack>
  );
}

/** '/returns/:id': a return with its lines, the actions its state allows, its documents, credit note and tracking. */
export function ReturnDetailPage({ params }: { params: Record<string, string> }) {
  const text = useReturnsText();
  const { t } = text;
  const id = params.id ?? '';
  const loaded = useApiQuery(() => getApi()['returns.get']({ id }), [id]);
  const [current, setCurrent] = useState<CustomerReturnDetail | null>(null);
  const [open, setOpen] = useState<ReturnAction | null>(null);
  const r = current?.id === id ? current : (loaded.data ?? null);

  if (loaded.error !== undefined && !r) return <ErrorState error={recordLoadError(loaded.error, t('common:entities.customerReturn'))} title={t('detail.loadFailed')} onRetry={loaded.reload} />;
  if (!r) return <LoadingState />;

  const done = (d: CustomerReturnDetail) => {
    const action = open;
    setCurrent(d);
    setOpen(null);
    if (action) notifications.show({ color: 'teal', icon: <IconCheck size={18} />, message: t('detail.done', { action: t(`detail.actions.${action}`) }) });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={<span data-testid="return-doc-no">{r.docNo}</span>}
        documentTitle={r.docNo}
        backTo="/returns"
        backLabel={t('list.title')}
        badges={
          <>
            <ReturnStatusBadge status={r.status} text={text} size="lg" />
            {r.recall && (
              <Badge color="red" variant="outline" size="lg">
                {t('list.recallTag')}
              </Badge>
            )}
          </>
        }
        actions={
          <Group gap="xs">
            {r.allowedActions.map((a) => (
              <Button key={a} variant={a === 'reject' || a === 'cancel' ? 'default' : 'filled'} color={a === 'reject' || a === 'cancel' ? 'red' : 'blue'} onClick={() => setOpen(a)} data-testid={`action-${a}`}>
                {t(`detail.actions.${a}`)}
              </Button>
            ))}
          </Group>
        }
      />
      {r.approvalReasons.length > 0 && r.status === 'pending_approval' && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('entry.needsApproval')}>
          {r.approvalReasons.map((reason, i) => (
            <Text key={i} size="sm">
              {text.reason(reason)}
            </Text>
          ))}
        </Alert>
      )}
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <div>
            <Text size="xs" c="dimmed">
              {t('list.customer')}
            </Text>
            <Text fw={600}>
              {r.customerCode} · {r.customerName}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('list.date')}
            </Text>
            <Text>{text.date(r.businessDate)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('detail.delivery')}
            </Text>
            <Text ff="monospace">{r.deliveryNo ?? '—'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {r.recallLotCode ? t('detail.recallLot') : t('detail.order')}
            </Text>
            <Text ff="monospace">{r.recallLotCode ?? r.orderNo ?? '—'}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('entry.credit')}
            </Text>
            <Text fw={600}>{text.money(r.totals.grossFen)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('entry.deduction')}
            </Text>
            <Text>{text.money(r.totals.freeGoodsDeductionFen)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('entry.toCredit')}
            </Text>
            <Text fw={600} data-testid="return-credit">
              {text.money(r.totals.creditFen)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('detail.approvedBy')}
            </Text>
            <Text>{r.approvedBy ?? '—'}</Text>
          </div>
        </SimpleGrid>
      </Paper>

      <Paper withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" aria-label={t('detail.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('entry.product')}</Table.Th>
                <Table.Th>{t('entry.lot')}</Table.Th>
                <Table.Th ta="right">{t('entry.qty')}</Table.Th>
                <Table.Th>{t('entry.reason')}</Table.Th>
                <Table.Th ta="right">{t('entry.credit')}</Table.Th>
                <Table.Th ta="right">{t('detail.cost')}</Table.Th>
                <Table.Th ta="right">{t('detail.restock')}</Table.Th>
                <Table.Th ta="right">{t('detail.quarantine')}</Table.Th>
                <Table.Th ta="right">{t('detail.scrap')}</Table.Th>
                <Table.Th ta="right">{t('detail.supplier')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.lines.map((l) => (
                <Table.Tr key={l.id} data-testid="detail-line">
                  <Table.Td>{l.lineNo}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {text.name(l)}
                    </Text>
                    {l.free && (
                      <Badge color="grape" variant="light" size="sm">
                        {t('entry.free')}
                      </Badge>
                    )}
                    {l.note && (
                      <Text size="xs" c="dimmed">
                        {l.note}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace">{l.lotCode ?? t('entry.unknownLot')}</Table.Td>
                  <Table.Td ta="right">{text.qty(l.qty, l.units)}</Table.Td>
                  <Table.Td>{t(`reasons.${l.reasonCode}`)}</Table.Td>
                  <Table.Td ta="right">{text.money(l.grossFen)}</Table.Td>
                  <Table.Td ta="right">{text.money(l.costFen)}</Table.Td>
                  <Table.Td ta="right">{text.number(l.restockQty)}</Table.Td>
                  <Table.Td ta="right">{text.number(l.quarantineQty)}</Table.Td>
                  <Table.Td ta="right">{text.number(l.scrapQty)}</Table.Td>
                  <Table.Td ta="right">{text.number(l.supplierQty)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            {t('detail.documents')}
          </Title>
          {r.documents.length === 0 && <Text c="dimmed">—</Text>}
          {r.documents.map((d) => (
            <Group key={d.id} gap="sm">
              <Anchor href={`#/stock/documents/${d.id}`} ff="monospace" size="sm">
                {d.docNo}
              </Anchor>
              <Text size="sm">{t(`common:docTypes.${d.docType}`)}</Text>
              <Text size="sm" c="dimmed">
                {text.money(d.valueFen)}
              </Text>
            </Group>
          ))}
          {r.status === 'settled' && (
            <Stack gap={4} mt="md" data-testid="credit-note">
              <Title order={5}>{r.creditNote?.settlement === 'refund' ? t('detail.refund') : t('detail.creditNote')}</Title>
              {r.creditNote ? (
                <>
                  <Text size="sm">
                    <span style={{ fontFamily: 'monospace' }}>{r.creditNote.docNo}</span> · {text.money(r.creditNote.grossFen)}
                    {r.creditNote.refundMethod ? ` · ${t(`detail.${r.creditNote.refundMethod}`)}` : ''}
                  </Text>
                  {r.creditNote.applied.map((a) => (
                    <Text key={a.invoiceId} size="sm" c="dimmed">
                      {t('detail.applied', { docNo: a.docNo, amount: text.money(a.amountFen) })}
                    </Text>
                  ))}
                  {r.creditNote.unappliedFen > 0 && (
                    <Text size="sm" c="dimmed">
                      {t('detail.advance', { amount: text.money(r.creditNote.unappliedFen) })}
                    </Text>
                  )}
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('detail.noCreditNote')}
                </Text>
              )}
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={4} mb="sm">
            {t('detail.events')}
          </Title>
          <Timeline bulletSize={14} lineWidth={2} active={r.events.length} data-testid="return-events">
            {r.events.map((e) => (
              <Timeline.Item key={e.id} title={t(`detail.eventActions.${e.action}`, { defaultValue: e.action })}>
                <Text size="xs" c="dimmed">
                  {text.dateTime(e.at)} · {e.userName ?? e.userId}
                  {e.documentNo ? ` · ${e.documentNo}` : ''}
                </Text>
                {e.note && <Text size="sm">{e.note}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>

      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? t(`detail.actions.${open}`) : ''} size={open === 'inspect' ? 'xl' : 'md'}>
        {open === 'inspect' && <InspectForm r={r} text={text} onDone={done} />}
        {open === 'settle' && <SettleForm r={r} text={text} onDone={done} />}
        {(open === 'approve' || open === 'reject' || open === 'cancel' || open === 'receive') && <SimpleAction r={r} action={open} text={text} onDone={done} />}
      </Modal>
    </Stack>
  );
}
