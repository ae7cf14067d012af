import { Alert, Anchor, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconBan, IconCircleCheck, IconEdit, IconPackageImport, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { TransferAction, TransferDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { recordLoadError } from '../../components/errors';
import { ActionDialogFrame, DocumentActions, useActionSubmit, type ActionDialogCallbacks } from '../../components/DocumentActions';
import { ExportMenu } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { TransferStatusBadge } from './TransferStatusBadge';
import { useTransfersText, type TransfersText } from './useTransfersText';

export function TransferDetailPage({ params }: { params: Record<string, string> }) {
  const text = useTransfersText();
  const id = params.id ?? '';
  const query = useApiQuery(() => getApi()['transfers.get']({ id }), [id]);
  const [current, setCurrent] = useState<TransferDetail | null>(null);
  if (query.error !== undefined) return <ErrorState error={recordLoadError(query.error, 'transfer')} onRetry={query.reload} />;
  if (!query.data) return <LoadingState />;
  const d = current && current.id === query.data.id && current.events.length >= query.data.events.length ? current : query.data;
  return <Detail d={d} text={text} onChanged={setCurrent} />;
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

function DocumentLink({ id, docNo, testId }: { id: string | null; docNo: string | null; testId: string }) {
  if (!id || !docNo) return <>—</>;
  return (
    <Anchor href={`#/stock/documents/${id}`} ff="monospace" size="sm" data-testid={testId}>
      {docNo}
    </Anchor>
  );
}

function Detail({ d, text, onChanged }: { d: TransferDetail; text: TransfersText; onChanged: (d: TransferDetail) => void }) {
  // A receipt this PC made that lost to another PC's (both received offline): its note carries the figures.
  const duplicateNote = (note: string) => {
    const n = JSON.parse(note || '{}') as { ownDocumentNo?: string | null; acceptedDocumentNo?: string | null; shortfall?: number };
    return t('events.duplicateNote', { own: n.ownDocumentNo ?? '—', accepted: n.acceptedDocumentNo ?? '—' }) + (n.shortfall ? ` ${t('events.shortfall', { qty: n.shortfall })}` : '');
  };
  const { t } = text;
  return (
    <Stack gap="md">
      <PageHeader
        title={<span data-testid="transfer-doc-no">{d.docNo}</span>}
        documentTitle={d.docNo}
        backTo="/transfers"
        backLabel={t('detail.back')}
        badges={<TransferStatusBadge status={d.status} text={text} size="lg" />}
        actions={<ExportMenu make={(format) => getApi()['transfers.print']({ id: d.id, format: format === 'csv' ? 'xlsx' : format })} formats={['pdf', 'xlsx']} label={t('detail.print')} testId="print-transfer" />}
      />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <Fact label={t('detail.from')} testId="transfer-from">
            {d.fromBranchCode} · {d.fromWarehouseName}
          </Fact>
          <Fact label={t('detail.to')} testId="transfer-to">
            {d.toBranchCode} · {d.toWarehouseName || t('list.chooseWarehouse')}
          </Fact>
          <Fact label={t('detail.date')}>{text.date(d.businessDate)}</Fact>
          <Fact label={t('detail.value')} testId="transfer-value">
            {d.status === 'draft' ? '—' : text.money(d.totalValueFen)}
          </Fact>
          <Fact label={t('detail.outDocument')}>
            <DocumentLink id={d.documentId} docNo={d.documentNo} testId="transfer-out-document" />
          </Fact>
          <Fact label={t('detail.inDocument')}>
            <DocumentLink id={d.receipt?.documentId ?? null} docNo={d.receipt?.documentNo ?? null} testId="transfer-in-document" />
          </Fact>
          {d.receipt && <Fact label={t('detail.receivedOn')}>{text.date(d.receipt.businessDate)}</Fact>}
          {d.receipt && d.receipt.writtenOffFen !== 0 && (
            <Fact label={t('detail.writtenOff')} testId="transfer-written-off">
              {text.money(d.receipt.writtenOffFen)}
            </Fact>
          )}
          {d.direction === 'internal' && <Fact label={t('detail.twoStep')}>{d.twoStep ? t('detail.twoStepYes') : t('detail.twoStepNo')}</Fact>}
          {d.note !== '' && <Fact label={t('detail.note')}>{d.note}</Fact>}
        </SimpleGrid>
      </Paper>
      {d.status === 'sent' && !d.allowedActions.includes('receive') && (
        <Alert color="orange" data-testid="in-transit-note">
          {t('detail.waiting', { branch: d.toBranchCode })}
        </Alert>
      )}
      <Actions d={d} text={text} onChanged={onChanged} />
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
                <Table.Th ta="right">{t('detail.received')}</Table.Th>
                <Table.Th>{t('detail.difference')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.lines.map((l) => (
                <Table.Tr key={l.id} data-testid="detail-line">
                  <Table.Td>{l.lineNo}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {text.name(l)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {l.sku}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.lotCode || (d.status === 'draft' ? t('entry.fefo') : '—')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{l.expiryDate ? text.date(l.expiryDate) : '—'}</Table.Td>
                  <Table.Td ta="right" data-testid="detail-line-qty">
                    {text.qty(l.qty, l.units)}
                  </Table.Td>
                  <Table.Td ta="right">{d.status === 'draft' ? '—' : text.money(l.valueFen)}</Table.Td>
                  <Table.Td ta="right" data-testid="detail-line-received">
                    {l.receivedQty === null ? '—' : text.qty(l.receivedQty, l.units)}
                  </Table.Td>
                  <Table.Td data-testid="detail-line-difference">
                    {l.reasonCode && l.disposition ? `${t(`reasons.${l.reasonCode}`)} · ${t(`dispositions.${l.disposition}`)}${l.differenceFen ? ` · ${text.money(l.differenceFen)}` : ''}` : ''}
                  </Table.Td>
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
              <Table.Th>{t('detail.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.events.map((e) => (
              <Table.Tr key={e.id} data-testid="tracking-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.dateTime(e.at)}</Table.Td>
                <Table.Td>
                  {t(`events.${e.action}`)}
                  {e.documentNo ? ` · ${e.documentNo}` : ''}
                </Table.Td>
                <Table.Td>{e.userName ?? e.userId}</Table.Td>
                <Table.Td>{e.action === 'duplicate_receipt' ? duplicateNote(e.note) : e.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

const icons: Record<TransferAction, ReactNode> = {
  edit: <IconEdit size={18} />,
  send: <IconSend size={18} />,
  cancel: <IconBan size={18} />,
  receive: <IconPackageImport size={18} />,
  close: <IconCircleCheck size={18} />,
};

type DialogAction = 'send' | 'cancel' | 'close';

/** The transfer's next steps on this branch's side: editing and receiving open their screens, the rest a dialog. */
function Actions({ d, text, onChanged }: { d: TransferDetail; text: TransfersText; onChanged: (d: TransferDetail) => void }) {
  return (
    <DocumentActions<TransferAction, TransferDetail>
      actions={d.allowedActions}
      icons={icons}
      look={(action) => ({ variant: action === 'cancel' ? 'light' : action === 'edit' ? 'default' : 'filled', danger: action === 'cancel' })}
      screenFor={(action) => (action === 'edit' || action === 'receive' ? `/transfers/${d.id}/${action}` : undefined)}
      dialog={(action, callbacks) => <ActionDialog action={action as DialogAction} d={d} text={text} {...callbacks} />}
      t={text.t}
      describeError={text.error}
      onChanged={onChanged}
      testId="transfer-actions"
    />
  );
}

function ActionDialog({ action, d, text, onClose, onDone, onRefused }: { action: DialogAction; d: TransferDetail; text: TransfersText } & ActionDialogCallbacks<TransferDetail>) {
  const { t } = text;
  const today = useAppInfo().info.today ?? '';
  const [businessDate, setBusinessDate] = useState(today);
  const [note, setNote] = useState('');
  const { busy, fields, submit } = useActionSubmit(t, ['note', 'businessDate'], { onDone, onRefused });
  const call = () => {
    const api = getApi();
    if (action === 'send') return api['transfers.send']({ id: d.id, note, ...(businessDate ? { businessDate } : {}) });
    if (action === 'cancel') return api['transfers.cancel']({ id: d.id, note });
    return api['transfers.close']({ id: d.id, note });
  };

  return (
    <ActionDialogFrame
      title={t(`actions.${action}Title`)}
      busy={busy}
      danger={action === 'cancel'}
      closeLabel={t('actions.closeDialog')}
      confirmLabel={t('actions.confirm')}
      onClose={onClose}
      onSubmit={() => void submit(call)}
    >
      {action === 'send' && (
        <>
          <Text size="sm">{t('actions.sendText', { warehouse: d.fromWarehouseName })}</Text>
          <TextInput type="date" label={t('actions.businessDate')} value={businessDate} max={today || undefined} onChange={(e) => setBusinessDate(e.currentTarget.value)} error={fields.businessDate} />
        </>
      )}
      {action === 'close' && <Text size="sm">{t('actions.closeText')}</Text>}
      <TextInput label={t('actions.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields.note} maxLength={500} data-testid="action-note" data-autofocus />
    </ActionDialogFrame>
  );
}
