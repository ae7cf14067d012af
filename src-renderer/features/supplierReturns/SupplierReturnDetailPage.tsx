import { Anchor, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconBan, IconCash, IconEdit, IconThumbDown, IconThumbUp, IconTruckReturn } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SupplierReturnAction, SupplierReturnDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { recordLoadError } from '../../components/errors';
import { ActionDialogFrame, DocumentActions, useActionSubmit, type ActionDialogCallbacks } from '../../components/DocumentActions';
import { ExportMenu } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { fenToYuanText, parseYuanToFen } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { SupplierReturnStatusBadge } from './SupplierReturnStatusBadge';
import { useSupplierReturnText, type SupplierReturnText } from './useSupplierReturnText';

export function SupplierReturnDetailPage({ params }: { params: Record<string, string> }) {
  const text = useSupplierReturnText();
  const id = params.id ?? '';
  const query = useApiQuery(() => getApi()['supplierReturns.get']({ id }), [id]);
  const [current, setCurrent] = useState<SupplierReturnDetail | null>(null);
  if (query.error !== undefined) return <ErrorState error={recordLoadError(query.error, 'supplierReturn')} onRetry={query.reload} />;
  if (!query.data) return <LoadingState />;
  const r = current && current.id === query.data.id && current.events.length >= query.data.events.length ? current : query.data;
  return <Detail r={r} text={text} onChanged={setCurrent} />;
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function Detail({ r, text, onChanged }: { r: SupplierReturnDetail; text: SupplierReturnText; onChanged: (r: SupplierReturnDetail) => void }) {
  const { t } = text;
  return (
    <Stack gap="md">
      <PageHeader
        title={<span data-testid="return-doc-no">{r.docNo}</span>}
        documentTitle={r.docNo}
        backTo="/returns/supplier"
        backLabel={t('detail.back')}
        badges={<SupplierReturnStatusBadge status={r.status} text={text} size="lg" />}
        actions={
          <ExportMenu make={(format) => getApi()['supplierReturns.print']({ id: r.id, format: format === 'csv' ? 'xlsx' : format })} formats={['pdf', 'xlsx']} label={t('detail.print')} testId="print-return" />
        }
      />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label={t('detail.supplier')}>{r.supplierName}</Fact>
          <Fact label={t('detail.warehouse')}>{r.warehouseName}</Fact>
          <Fact label={t('detail.date')}>{text.date(r.businessDate)}</Fact>
          <Fact label={t('detail.document')}>
            {r.document ? (
              <Anchor href={`#/stock/documents/${r.document.id}`} ff="monospace" size="sm" data-testid="return-document">
                {r.document.docNo}
              </Anchor>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label={t('detail.value')}>{text.money(r.valueFen)}</Fact>
          <Fact label={t('detail.claim')} testId="return-claim">
            {text.money(r.claimFen)}
          </Fact>
          <Fact label={t('detail.credited')} testId="return-credited">
            {text.money(r.creditedFen)}
          </Fact>
          <Fact label={r.status === 'sent' || r.status === 'accepted' ? t('detail.open') : t('detail.writtenOff')} testId="return-rest">
            {text.money(r.status === 'sent' || r.status === 'accepted' ? r.openFen : r.writtenOffFen)}
          </Fact>
          {r.reference !== '' && <Fact label={t('detail.reference')}>{r.reference}</Fact>}
          {r.note !== '' && <Fact label={t('detail.note')}>{r.note}</Fact>}
        </SimpleGrid>
      </Paper>
      <Actions r={r} text={text} onChanged={onChanged} />
      <Paper withBorder radius="md" p={0}>
        <Title order={4} p="md" pb={0}>
          {t('detail.lines')}
        </Title>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" aria-label={t('detail.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('detail.lineNo')}</Table.Th>
                <Table.Th>{t('detail.product')}</Table.Th>
                <Table.Th>{t('detail.lot')}</Table.Th>
                <Table.Th>{t('detail.expiry')}</Table.Th>
                <Table.Th ta="right">{t('detail.qty')}</Table.Th>
                <Table.Th ta="right">{t('detail.cost')}</Table.Th>
                <Table.Th>{t('detail.reason')}</Table.Th>
                <Table.Th>{t('detail.source')}</Table.Th>
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
                    <Text size="xs" c="dimmed">
                      {l.sku}
                      {l.note ? ` · ${l.note}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.lotCode || '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.expiryDate ? text.date(l.expiryDate) : '—'}</Table.Td>
                  <Table.Td ta="right" data-testid="detail-line-qty">
                    {text.qty(l.qty, l.units)}
                  </Table.Td>
                  <Table.Td ta="right">{text.money(l.valueFen)}</Table.Td>
                  <Table.Td>{t(`reasons.${l.reasonCode}`)}</Table.Td>
                  <Table.Td>{l.customerReturnNo ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder radius="md" p={0}>
        <Title order={4} p="md" pb={0}>
          {t('detail.tracking')}
        </Title>
        <Table verticalSpacing="xs" aria-label={t('detail.tracking')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('detail.at')}</Table.Th>
              <Table.Th>{t('detail.step')}</Table.Th>
              <Table.Th>{t('detail.by')}</Table.Th>
              <Table.Th ta="right">{t('detail.amount')}</Table.Th>
              <Table.Th>{t('detail.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.events.map((e) => (
              <Table.Tr key={e.id} data-testid="tracking-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.dateTime(e.at)}</Table.Td>
                <Table.Td>{t(`events.${e.action}`)}</Table.Td>
                <Table.Td>{e.userName ?? e.userId}</Table.Td>
                <Table.Td ta="right">{e.amountFen === null ? '' : text.money(e.amountFen)}</Table.Td>
                <Table.Td>{e.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

const icons: Record<SupplierReturnAction, ReactNode> = {
  edit: <IconEdit size={18} />,
  send: <IconTruckReturn size={18} />,
  accept: <IconThumbUp size={18} />,
  credit: <IconCash size={18} />,
  reject: <IconThumbDown size={18} />,
  cancel: <IconBan size={18} />,
};

type DialogAction = Exclude<SupplierReturnAction, 'edit'>;

/** The return's next steps: only those its state allows; each asks what it needs in a dialog. */
function Actions({ r, text, onChanged }: { r: SupplierReturnDetail; text: SupplierReturnText; onChanged: (r: SupplierReturnDetail) => void }) {
  const ends = (action: SupplierReturnAction) => action === 'cancel' || action === 'reject';
  return (
    <DocumentActions<SupplierReturnAction, SupplierReturnDetail>
      actions={r.allowedActions}
      icons={icons}
      look={(action) => ({ variant: ends(action) ? 'light' : action === 'edit' ? 'default' : 'filled', danger: ends(action) })}
      screenFor={(action) => (action === 'edit' ? `/returns/supplier/${r.id}/edit` : undefined)}
      dialog={(action, callbacks) => <ActionDialog action={action as DialogAction} r={r} text={text} {...callbacks} />}
      t={text.t}
      describeError={text.error}
      onChanged={onChanged}
      testId="return-actions"
    />
  );
}

function ActionDialog({ action, r, text, onClose, onDone, onRefused }: { action: DialogAction; r: SupplierReturnDetail; text: SupplierReturnText } & ActionDialogCallbacks<SupplierReturnDetail>) {
  const { t } = text;
  const today = useAppInfo().info.today ?? '';
  const [businessDate, setBusinessDate] = useState(today);
  const [reference, setReference] = useState(action === 'credit' ? '' : r.reference);
  const [amount, setAmount] = useState(fenToYuanText(r.claimFen));
  const [note, setNote] = useState('');
  const { busy, fields, setFields, submit } = useActionSubmit(t, ['reference', 'note', 'creditedFen', 'businessDate'], { onDone, onRefused });

  const send = () => {
    const api = getApi();
    if (action === 'send') return submit(() => api['supplierReturns.send']({ id: r.id, note, ...(businessDate ? { businessDate } : {}) }));
    if (action === 'accept') return submit(() => api['supplierReturns.accept']({ id: r.id, reference, note }));
    if (action === 'reject') return submit(() => api['supplierReturns.reject']({ id: r.id, note }));
    if (action === 'cancel') return submit(() => api['supplierReturns.cancel']({ id: r.id, note }));
    const parsed = parseYuanToFen(amount);
    if (!parsed.ok) {
      setFields({ creditedFen: t('entry.problems.MONEY_INVALID') });
      return;
    }
    return submit(() => api['supplierReturns.credit']({ id: r.id, creditedFen: parsed.fen, reference, note }));
  };

  return (
    <ActionDialogFrame
      title={t(`actions.${action}Title`)}
      busy={busy}
      danger={action === 'reject' || action === 'cancel'}
      closeLabel={t('actions.close')}
      confirmLabel={t('actions.confirm')}
      onClose={onClose}
      onSubmit={() => void send()}
    >
      {action === 'send' && (
        <>
          <Text size="sm">{t('actions.sendText', { warehouse: r.warehouseName })}</Text>
          <TextInput type="date" label={t('actions.businessDate')} value={businessDate} max={today || undefined} onChange={(e) => setBusinessDate(e.currentTarget.value)} error={fields.businessDate} />
        </>
      )}
      {action === 'accept' && (
        <TextInput label={t('actions.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} required error={fields.reference} data-autofocus data-testid="reference-input" maxLength={80} />
      )}
      {action === 'credit' && (
        <>
          <TextInput
            label={t('actions.creditAmount')}
            description={t('actions.creditHint', { claim: text.money(r.claimFen) })}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={fields.creditedFen}
            inputMode="decimal"
            data-autofocus
            data-testid="credit-input"
          />
          <TextInput label={t('actions.creditReference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={fields.reference} maxLength={80} />
        </>
      )}
      <TextInput
        label={action === 'reject' ? t('actions.rejectReason') : t('actions.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        required={action === 'reject'}
        error={fields.note}
        maxLength={500}
        data-testid="action-note"
        {...(action === 'reject' || action === 'cancel' ? { 'data-autofocus': true } : {})}
      />
    </ActionDialogFrame>
  );
}
