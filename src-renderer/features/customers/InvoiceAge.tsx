import { Badge, Group, Text } from '@mantine/core';
import type { InvoiceRow } from '../../../src-main/contract';
import type { CustomersText } from './useCustomersText';

/** The invoice number with its date under it. */
export function InvoiceNumber({ invoice, text }: { invoice: Pick<InvoiceRow, 'docNo' | 'businessDate'>; text: CustomersText }) {
  return (
    <>
      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {invoice.docNo}
      </Text>
      <Text size="xs" c="dimmed">
        {text.date(invoice.businessDate)}
      </Text>
    </>
  );
}

/** How old an open invoice is, flagged when it is past its due date. */
export function InvoiceAge({ invoice, text }: { invoice: Pick<InvoiceRow, 'ageDays' | 'overdue'>; text: CustomersText }) {
  const { t } = text;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {t('invoices.ageDays', { n: invoice.ageDays })}
      </Text>
      {invoice.overdue && (
        <Badge color="red" variant="light" size="sm">
          {t('invoices.overdue')}
        </Badge>
      )}
    </Group>
  );
}
