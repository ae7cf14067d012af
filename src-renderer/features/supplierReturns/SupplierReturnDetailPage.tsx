import { Alert, Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBan, IconCash, IconEdit, IconThumbDown, IconThumbUp, IconTruckReturn } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SupplierReturnAction, SupplierReturnDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { fieldErrors, recordLoadError } from '../../components/errors';
import { ExportMenu } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { fenToYuanText, parseYuanToFen } from '../../components/money';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
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
  const { t } = text;
  const [open, setOpen] = useState<DialogAction | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (r.allowedActions.length === 0) return null;
  return (
    <>
      <Group gap="sm" wrap="wrap" data-testid="return-actions">
        {r.allowedActions.map((action) => (
          <Button
            key={action}
            variant={action === 'send' || action === 'credit' || action === 'accept' ? 'filled' : action === 'cancel' || action === 'reject' ? 'light' : 'default'}
            color={action === 'cancel' || action === 'reject' ? 'red' : undefined}
            leftSection={icons[action]}
            onClick={() => {
              setFailure(null);
              if (action === 'edit') navigate(`/returns/supplier/${r.id}/edit`);
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
          r={r}
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
  r: SupplierReturnDetail;
  text: SupplierReturnText;
  onClose: () => void;
  onDone: (r: SupplierReturnDetail) => void;
  onRefused: (error: unknown) => void;
}

function ActionDialog({ action, r, text, onClose, onDone, onRefused }: DialogProps) {
  const { t } = text;
  const today = useAppInfo().info.today ?? '';
  const [businessDate, setBusinessDate] = useState(today);
  const [reference, setReference] = useState(action === 'credit' ? '' : r.reference);
  const [amount, setAmount] = useState(fenToYuanText(r.claimFen));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});

  const submit = async () => {
    const api = getApi();
    let call: () => Promise<SupplierReturnDetail>;
    if (action === 'send') call = () => api['supplierReturns.send']({ id: r.id, note, ...(businessDate ? { businessDate } : {}) });
    else if (action === 'accept') call = () => api['supplierReturns.accept']({ id: r.id, reference, note });
    else if (action === 'reject') call = () => api['supplierReturns.reject']({ id: r.id, note });
    else if (action === 'cancel') call = () => api['supplierReturns.cancel']({ id: r.id, note });
    else {
      const parsed = parseYuanToFen(amount);
      if (!parsed.ok) {
        setFields({ creditedFen: t('entry.problems.MONEY_INVALID') });
        return;
      }
      call = () => api['supplierReturns.credit']({ id: r.id, creditedFen: parsed.fen, reference, note });
    }
    setBusy(true);
    try {
      onDone(await call());
    } catch (error) {
      const byField = fieldErrors(error, t);
      // A problem with what was typed stays in the dialog next to the field; anything else closes it.
      if (Object.keys(byField).some((p) => ['reference', 'note', 'creditedFen', 'businessDate'].includes(p))) setFields(byField);
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
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.close')}
            </Button>
            <Button type="submit" loading={busy} color={action === 'reject' || action === 'cancel' ? 'red' : undefined} data-testid="action-confirm">
              {t('actions.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
