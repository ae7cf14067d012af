import { Alert, Button, Group, Modal, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconBan,
  IconCheck,
  IconCircleCheck,
  IconEdit,
  IconFileInvoice,
  IconPackage,
  IconThumbDown,
  IconThumbUp,
  IconTruckDelivery,
  IconX,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { SalesAction, SalesOrderDetail } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { QuantityInput } from '../../components/QuantityInput';
import { parseQuantityInput } from '../../components/parseQuantityInput';
import { navigate } from '../../lib/router';
import { lineDisplayUnits, type SalesText } from './useSalesText';

type NoteAction = 'approve' | 'reject' | 'cancel' | 'close';

const icons: Record<SalesAction, ReactNode> = {
  amend: <IconEdit size={18} />,
  confirm: <IconCheck size={18} />,
  approve: <IconThumbUp size={18} />,
  reject: <IconThumbDown size={18} />,
  allocate: <IconPackage size={18} />,
  deliver: <IconTruckDelivery size={18} />,
  invoice: <IconFileInvoice size={18} />,
  cancel: <IconBan size={18} />,
  close: <IconCircleCheck size={18} />,
};

/** The order's next steps: only those its state allows (allowedActions); the ledger checks roles. */
export function OrderActions({ order, text, onChanged }: { order: SalesOrderDetail; text: SalesText; onChanged: (order: SalesOrderDetail) => void }) {
  const { t } = text;
  const [busy, setBusy] = useState<SalesAction | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [noteFor, setNoteFor] = useState<NoteAction | null>(null);
  const [delivering, setDelivering] = useState(false);

  const run = async (action: SalesAction, call: () => Promise<SalesOrderDetail>): Promise<boolean> => {
    setBusy(action);
    setFailure(null);
    try {
      const next = await call();
      onChanged(next);
      notifications.show({ color: 'green', message: t(`actions.done.${action}`, { docNo: next.docNo }), 'data-testid': 'action-done' });
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const api = getApi();
  const direct: Partial<Record<SalesAction, () => Promise<SalesOrderDetail>>> = {
    confirm: () => api['sales.confirm']({ id: order.id }),
    allocate: () => api['sales.allocate']({ id: order.id }),
    invoice: () => api['sales.invoice']({ id: order.id }),
  };
  const primary: readonly SalesAction[] = ['confirm', 'approve', 'allocate', 'deliver', 'invoice'];

  const click = (action: SalesAction) => {
    if (action === 'amend') navigate(`/sales/${order.id}/edit`);
    else if (action === 'deliver') setDelivering(true);
    else if (action === 'approve' || action === 'reject' || action === 'cancel' || action === 'close') setNoteFor(action);
    else {
      const call = direct[action];
      if (call) void run(action, call);
    }
  };

  return (
    <>
      <Group gap="sm" wrap="wrap" data-testid="order-actions">
        {order.allowedActions.map((action) => (
          <Button
            key={action}
            variant={primary.includes(action) ? 'filled' : action === 'cancel' || action === 'reject' ? 'light' : 'default'}
            color={action === 'cancel' || action === 'reject' ? 'red' : undefined}
            leftSection={icons[action]}
            loading={busy === action}
            disabled={busy !== null && busy !== action}
            onClick={() => click(action)}
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
      {noteFor && (
        <NoteDialog
          action={noteFor}
          text={text}
          busy={busy === noteFor}
          onClose={() => setNoteFor(null)}
          onSubmit={async (note) => {
            const calls: Record<NoteAction, () => Promise<SalesOrderDetail>> = {
              approve: () => api['sales.approve']({ id: order.id, note }),
              reject: () => api['sales.reject']({ id: order.id, note }),
              cancel: () => api['sales.cancel']({ id: order.id, note }),
              close: () => api['sales.close']({ id: order.id, note }),
            };
            // Closed either way: a refusal (FORBIDDEN, SALES_STATE) shows above the page's actions.
            await run(noteFor, calls[noteFor]);
            setNoteFor(null);
          }}
        />
      )}
      {delivering && (
        <DeliverDialog
          order={order}
          text={text}
          busy={busy === 'deliver'}
          onClose={() => setDelivering(false)}
          onSubmit={async (lines) => {
            await run('deliver', () => api['sales.deliver']({ id: order.id, ...(lines ? { lines } : {}) }));
            setDelivering(false);
          }}
        />
      )}
    </>
  );
}

function NoteDialog({ action, text, busy, onClose, onSubmit }: { action: NoteAction; text: SalesText; busy: boolean; onClose: () => void; onSubmit: (note: string) => Promise<void> }) {
  const { t } = text;
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const required = action === 'reject';
  return (
    <Modal opened onClose={onClose} title={t(`actions.${action}Title`)} centered>
      <Stack gap="md">
        <Text size="sm">{t(`actions.${action}Text`)}</Text>
        <Textarea
          label={t('actions.note')}
          withAsterisk={required}
          data-autofocus
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('actions.noteRequired') : undefined}
          data-testid="action-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} leftSection={<IconX size={16} />}>
            {t('actions.back')}
          </Button>
          <Button
            color={action === 'reject' || action === 'cancel' ? 'red' : undefined}
            loading={busy}
            data-testid="action-submit"
            onClick={() => {
              if (required && note.trim() === '') {
                setMissing(true);
                return;
              }
              void onSubmit(note.trim());
            }}
          >
            {t(`actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Delivers everything reserved, or chosen quantities per line (a partial delivery). */
function DeliverDialog({
  order,
  text,
  busy,
  onClose,
  onSubmit,
}: {
  order: SalesOrderDetail;
  text: SalesText;
  busy: boolean;
  onClose: () => void;
  onSubmit: (lines: { lineId: string; qty: number }[] | null) => Promise<void>;
}) {
  const { t } = text;
  const reserved = order.lines.filter((l) => l.allocated > 0);
  const [mode, setMode] = useState<'all' | 'lines'>('all');
  const [qtyText, setQtyText] = useState<Record<string, string>>(() => Object.fromEntries(reserved.map((l) => [l.id, text.lineQty(l.allocated, l)])));
  const parsed = reserved.map((l) => {
    const units = lineDisplayUnits(l);
    const r = parseQuantityInput(qtyText[l.id] ?? '', units, units[units.length - 1]);
    const error = !r.ok ? t('problems.QUANTITY_INVALID') : r.qty > l.allocated ? t('deliver.tooMuch', { qty: text.lineQty(l.allocated, l) }) : undefined;
    return { line: l, qty: r.ok ? r.qty : 0, error };
  });
  const invalid = mode === 'lines' && (parsed.some((p) => p.error) || parsed.every((p) => p.qty === 0));
  return (
    <Modal opened onClose={onClose} title={t('deliver.title', { docNo: order.docNo })} centered size="xl">
      <Stack gap="md">
        <Radio.Group value={mode} onChange={(v) => setMode(v as 'all' | 'lines')}>
          <Stack gap="xs">
            <Radio value="all" label={t('deliver.all')} data-testid="deliver-all" />
            <Radio value="lines" label={t('deliver.some')} data-testid="deliver-some" />
          </Stack>
        </Radio.Group>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('line.product')}</Table.Th>
              <Table.Th>{t('detail.allocated')}</Table.Th>
              <Table.Th w={200}>{t('deliver.now')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {parsed.map(({ line, error }) => (
              <Table.Tr key={line.id}>
                <Table.Td>{line.lineNo}</Table.Td>
                <Table.Td>{text.name(line)}</Table.Td>
                <Table.Td>{text.lineQty(line.allocated, line)}</Table.Td>
                <Table.Td>
                  <QuantityInput
                    size="sm"
                    disabled={mode === 'all'}
                    aria-label={t('deliver.qtyOf', { n: line.lineNo })}
                    data-testid="deliver-qty"
                    value={qtyText[line.id] ?? ''}
                    units={lineDisplayUnits(line)}
                    defaultUnit={lineDisplayUnits(line).at(-1)}
                    onChange={(value) => setQtyText((m) => ({ ...m, [line.id]: value }))}
                    error={mode === 'lines' ? error : undefined}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.back')}
          </Button>
          <Button
            leftSection={<IconTruckDelivery size={18} />}
            loading={busy}
            disabled={invalid}
            data-testid="deliver-submit"
            onClick={() => void onSubmit(mode === 'all' ? null : parsed.map((p) => ({ lineId: p.line.id, qty: p.qty })))}
          >
            {t('deliver.post')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
