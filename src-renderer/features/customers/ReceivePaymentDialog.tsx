import { Alert, Button, Group, Modal, MultiSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { InvoiceRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { fieldErrors, fieldIssueMessage, isFieldErrorOnly } from '../../components/errors';
import { parseYuanToFen } from '../../components/money';
import type { CustomersText } from './useCustomersText';

export interface ReceivePaymentDialogProps {
  opened: boolean;
  onClose: () => void;
  /** Called after the payment is saved, to read the customer again. */
  onReceived: () => void;
  customer: { id: string; name: string };
  /** The customer's invoices; the open ones can be chosen. */
  invoices: readonly InvoiceRow[];
  text: CustomersText;
}

type Method = 'cash' | 'transfer';
const shownPaths = ['amountFen', 'method', 'reference', 'note'];

/**
 * Cash or a transfer from the customer. The amount is typed in yuan and sent in fen; without a
 * choice of invoices the ledger settles the oldest first and keeps any excess as an advance,
 * while a choice of invoices caps the amount at what they still owe.
 */
export function ReceivePaymentDialog({ opened, onClose, onReceived, customer, invoices, text }: ReceivePaymentDialogProps) {
  const { t } = text;
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<Method>('transfer');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = invoices.filter((i) => i.openFen > 0);
  const chosenOpen = open.filter((i) => chosen.includes(i.id)).reduce((n, i) => n + i.openFen, 0);

  const reset = () => {
    setAmount('');
    setMethod('transfer');
    setReference('');
    setNote('');
    setChosen([]);
    setErrors({});
    setFailure(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = async () => {
    const parsed = parseYuanToFen(amount);
    if (!parsed.ok) {
      setErrors({ amountFen: parsed.code.startsWith('MONEY_') ? t(`validation.${parsed.code}`) : fieldIssueMessage(t, parsed.code) });
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const result = await getApi()['sales.receivePayment']({
        customerId: customer.id,
        amountFen: parsed.fen,
        method,
        reference,
        note,
        ...(chosen.length > 0 ? { invoiceIds: chosen } : {}),
      });
      notifications.show({ color: 'teal', message: t('pay.saved', { amount: text.money(result.payment.amountFen), docNo: result.payment.docNo }) });
      reset();
      onReceived();
      onClose();
    } catch (error) {
      const byField = fieldErrors(error, t);
      // An invoice that was paid meanwhile is a problem with the choice of invoices.
      const invoiceIssue = Object.entries(byField).find(([path]) => path.startsWith('invoiceIds'));
      setErrors({ ...byField, ...(invoiceIssue ? { invoiceIds: invoiceIssue[1] } : {}) });
      setFailure(isFieldErrorOnly(error, shownPaths) || invoiceIssue ? null : text.error(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('pay.title', { customer: customer.name })} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          {failure && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('pay.failed')} role="alert">
              {failure}
            </Alert>
          )}
          <TextInput
            label={t('pay.amount')}
            placeholder={t('pay.amountPlaceholder')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amountFen}
            inputMode="decimal"
            data-autofocus
            required
            data-testid="payment-amount"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('pay.method')}
            </Text>
            <SegmentedControl
              value={method}
              onChange={(v) => setMethod(v as Method)}
              data={(['transfer', 'cash'] as const).map((m) => ({ value: m, label: t(`methods.${m}`) }))}
              aria-label={t('pay.method')}
              w="fit-content"
            />
          </Stack>
          <TextInput label={t('pay.reference')} placeholder={t('pay.referencePlaceholder')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.reference} maxLength={80} />
          <MultiSelect
            label={t('pay.invoices')}
            placeholder={chosen.length === 0 ? t('pay.invoicesPlaceholder') : undefined}
            description={chosen.length > 0 ? t('pay.chosenOpen', { amount: text.money(chosenOpen) }) : t('pay.invoicesHelp')}
            data={open.map((i) => ({ value: i.id, label: t('pay.invoiceOption', { docNo: i.docNo, open: text.money(i.openFen), date: i.businessDate }) }))}
            value={chosen}
            onChange={setChosen}
            error={errors.invoiceIds}
            clearable
            data-testid="payment-invoices"
          />
          <TextInput label={t('pay.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('pay.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="payment-submit">
              {t('pay.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
