import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBan, IconCircleCheck, IconEdit, IconPackageImport, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { TransferAction, TransferDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { fieldErrors, recordLoadError } from '../../components/errors';
import { ExportMenu } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
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
                <Table.Td>{e.userId}</Table.Td>
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
  const { t } = text;
  const [open, setOpen] = useState<DialogAction | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (d.allowedActions.length === 0) return null;
  return (
    <>
      <Group gap="sm" wrap="wrap" data-testid="transfer-actions">
        {d.allowedActions.map((action) => (
          <Button
            key={action}
            variant={action === 'send' || action === 'receive' || action === 'close' ? 'filled' : action === 'cancel' ? 'light' : 'default'}
            color={action === 'cancel' ? 'red' : undefined}
            leftSection={icons[action]}
            onClick={() => {
              setFailure(null);
              if (action === 'edit') navigate(`/transfers/${d.id}/edit`);
              else if (action === 'receive') navigate(`/transfers/${d.id}/receive`);
              else setOpen(action);
            }}
            data-testid={`action-${action}`}
          >
            {t(`actions.${action}`)}
          </Button>
        ))}
      </Group>
      {failure !== null && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('actions.failed')} withCloseButton onClose={() => setFailure(null)} data-testid="action-error" role="alert">
          {text.error(failure)}
        </Alert>
      )}
      {open && (
        <ActionDialog
          action={open}
          d={d}
          text={text}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            setOpen(null);
            onChanged(next);
            notifications.show({ color: 'green', message: t(`actions.done.${open}`, { docNo: next.docNo }), 'data-testid': 'action-done' });
          }}
          onRefused={(error) => {
            setOpen(null);
            setFailure(error);
          }}
        />
      )}
    </>
  );
}

interface DialogProps {
  action: DialogAction;
  d: TransferDetail;
  text: TransfersText;
  onClose: () => void;
  onDone: (d: TransferDetail) => void;
  onRefused: (error: unknown) => void;
}

function ActionDialog({ action, d, text, onClose, onDone, onRefused }: DialogProps) {
  const { t } = text;
  const today = useAppInfo().info.today ?? '';
  const [businessDate, setBusinessDate] = useState(today);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async () => {
    const api = getApi();
    setBusy(true);
    try {
      if (action === 'send') onDone(await api['transfers.send']({ id: d.id, note, ...(businessDate ? { businessDate } : {}) }));
      else if (action === 'cancel') onDone(await api['transfers.cancel']({ id: d.id, note }));
      else onDone(await api['transfers.close']({ id: d.id, note }));
    } catch (error) {
      const byField = fieldErrors(error, t);
      // A problem with what was typed stays in the dialog next to the field; anything else closes it.
      if (Object.keys(byField).some((p) => ['note', 'businessDate'].includes(p))) setFields(byField);
      else onRefused(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t(`actions.${action}Title`)} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {action === 'send' && (
            <>
              <Text size="sm">{t('actions.sendText', { warehouse: d.fromWarehouseName })}</Text>
              <TextInput type="date" label={t('actions.businessDate')} value={businessDate} max={today || undefined} onChange={(e) => setBusinessDate(e.currentTarget.value)} error={fields.businessDate} />
            </>
          )}
          {action === 'close' && <Text size="sm">{t('actions.closeText')}</Text>}
          <TextInput label={t('actions.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fields.note} maxLength={500} data-testid="action-note" data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.closeDialog')}
            </Button>
            <Button type="submit" loading={busy} color={action === 'cancel' ? 'red' : undefined} data-testid="action-confirm">
              {t('actions.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
