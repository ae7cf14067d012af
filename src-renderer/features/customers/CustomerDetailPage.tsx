import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCash, IconCloudOff, IconRefresh } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { CustomerDetail, InvoiceRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { ErrorState } from '../../components/ErrorState';
import { ExportMenu } from '../../components/ExportMenu';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { recordLoadError } from '../../components/errors';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { InvoiceAge, InvoiceNumber } from './InvoiceAge';
import { ReceivePaymentDialog } from './ReceivePaymentDialog';
import { shelfLifeShare } from './shelfLifeShare';
import { useCustomersText, type CustomersText } from './useCustomersText';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function Terms({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  const share = shelfLifeShare(c.minShelfLifePermille);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {t('detail.terms')}
      </Title>
      <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="sm" data-testid="customer-terms">
        <Fact label={t('detail.class')}>{t(`classes.${c.customerClass}`)}</Fact>
        <Fact label={t('detail.channel')}>{t(`channels.${c.channel}`)}</Fact>
        <Fact label={t('detail.region')}>{c.region || '—'}</Fact>
        <Fact label={t('detail.salesperson')}>{c.salesperson || '—'}</Fact>
        <Fact label={t('detail.paymentTerms')}>{c.paymentTermsDays === undefined ? '—' : c.paymentTermsDays > 0 ? t('detail.paymentTermsDays', { days: c.paymentTermsDays }) : t('detail.cashOnDelivery')}</Fact>
        <Fact label={t('detail.priceList')}>{c.priceListName ? `${c.priceListName} (${c.priceListCode ?? ''})` : t('detail.standardPrices')}</Fact>
        <Fact label={t('detail.minShelfLife')}>{share ? t('detail.shelfLifeShare', { share }) : t('detail.shelfLifeAny')}</Fact>
        <Fact label={t('detail.address')}>{c.address || '—'}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Credit({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  const { info } = useAppInfo();
  const credit = c.credit;
  // Absent for roles without customers.sensitive: the API does not send credit data to them.
  if (!credit) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="customer-credit">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4}>{t('detail.credit')}</Title>
        {credit.availableFen < 0 && (
          <Badge color="red" variant="light">
            {t('detail.overLimit')}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, lg: 3 }} spacing="sm">
        <Fact label={t('detail.limit')}>{text.money(credit.limitFen)}</Fact>
        <Fact label={t('detail.receivable')} testId="credit-receivable">
          {text.money(credit.receivableFen)}
        </Fact>
        <Fact label={t('detail.openOrders')}>{text.money(credit.openOrdersFen)}</Fact>
        <Fact label={t('detail.available')} testId="credit-available">
          <Text span inherit c={credit.availableFen < 0 ? 'red' : undefined} fw={600}>
            {text.money(credit.availableFen)}
          </Text>
        </Fact>
        <Fact label={t('detail.overdue')}>
          <Text span inherit c={credit.overdueFen > 0 ? 'red' : undefined}>
            {text.money(credit.overdueFen)}
          </Text>
        </Fact>
      </SimpleGrid>
      <Group gap={6} mt="sm" c="dimmed">
        {credit.syncedAt === null ? <IconCloudOff size={16} /> : <IconRefresh size={16} />}
        <Text size="xs" data-testid="credit-sync">
          {credit.syncedAt === null ? t('detail.neverSynced') : t('detail.asOfSync', { time: text.dateTime(credit.syncedAt, info.branch?.timeZone) })}
        </Text>
      </Group>
    </Paper>
  );
}

function Contacts({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  const listed = c.contacts ?? [];
  const contacts = listed.length > 0 ? listed : c.contact ? [{ name: c.contact, role: '', phone: c.phone ?? '' }] : [];
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        {t('detail.contacts')}
      </Title>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('detail.noContacts')}
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="customer-contacts">
          <Table.Tbody>
            {contacts.map((p, i) => (
              <Table.Tr key={`${p.name}-${i}`}>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td c="dimmed">{p.role || '—'}</Table.Td>
                <Table.Td ff="monospace">{p.phone || '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" p="md">
      {children}
    </Text>
  );
}

function Orders({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  if (c.orders.length === 0) return <Empty>{t('orders.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="customer-orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('orders.docNo')}</Table.Th>
            <Table.Th>{t('orders.date')}</Table.Th>
            <Table.Th>{t('orders.status')}</Table.Th>
            <Table.Th ta="right">{t('orders.lines')}</Table.Th>
            <Table.Th ta="right">{t('orders.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.orders.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                <Anchor href={`#/sales/${o.id}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {o.docNo}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(o.businessDate)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={o.status === 'cancelled' ? 'gray' : o.status === 'paid' ? 'teal' : 'blue'}>
                  {t(`statuses.${o.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{o.lineCount}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {text.money(o.grossFen)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Invoices({ invoices, text }: { invoices: readonly InvoiceRow[]; text: CustomersText }) {
  const { t } = text;
  if (invoices.length === 0) return <Empty>{t('invoices.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table verticalSpacing="xs" data-testid="customer-invoices" style={{ whiteSpace: 'nowrap' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.docNo')}</Table.Th>
            <Table.Th>{t('invoices.order')}</Table.Th>
            <Table.Th>{t('invoices.due')}</Table.Th>
            <Table.Th ta="right">{t('invoices.gross')}</Table.Th>
            <Table.Th ta="right">{t('invoices.open')}</Table.Th>
            <Table.Th>{t('invoices.age')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((i) => (
            <Table.Tr key={i.id} data-testid="invoice-row">
              <Table.Td>
                <InvoiceNumber invoice={i} text={text} />
              </Table.Td>
              <Table.Td>
                <Anchor href={`#/sales/${i.orderId}`} ff="monospace" size="sm">
                  {i.orderNo}
                </Anchor>
              </Table.Td>
              <Table.Td>{text.date(i.dueDate)}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {text.money(i.grossFen)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="invoice-open">
                {i.openFen > 0 ? text.money(i.openFen) : t('invoices.settled')}
              </Table.Td>
              <Table.Td>{i.openFen > 0 ? <InvoiceAge invoice={i} text={text} /> : '—'}</Table.Td>
              <Table.Td ta="right">
                <ExportMenu
                  label={t('invoices.print')}
                  formats={['pdf', 'xlsx']}
                  testId={`print-${i.docNo}`}
                  size="xs"
                  make={(format) => getApi()['sales.print']({ id: i.orderId, kind: 'invoice', documentId: i.id, format: format === 'csv' ? 'xlsx' : format })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Payments({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  if (c.payments.length === 0) return <Empty>{t('payments.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="customer-payments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('payments.docNo')}</Table.Th>
            <Table.Th>{t('payments.date')}</Table.Th>
            <Table.Th>{t('payments.method')}</Table.Th>
            <Table.Th>{t('payments.reference')}</Table.Th>
            <Table.Th ta="right">{t('payments.amount')}</Table.Th>
            <Table.Th ta="right">{t('payments.unapplied')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.payments.map((p) => (
            <Table.Tr key={p.id} data-testid="payment-row">
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {p.docNo}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(p.businessDate)}</Table.Td>
              <Table.Td>{t(`methods.${p.method}`)}</Table.Td>
              <Table.Td>{p.reference || '—'}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {text.money(p.amountFen)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {p.unappliedFen > 0 ? text.money(p.unappliedFen) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CreditNotes({ c, text }: { c: CustomerDetail; text: CustomersText }) {
  const { t } = text;
  if (c.creditNotes.length === 0) return <Empty>{t('creditNotes.empty')}</Empty>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" data-testid="customer-credit-notes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('creditNotes.docNo')}</Table.Th>
            <Table.Th>{t('creditNotes.date')}</Table.Th>
            <Table.Th>{t('creditNotes.return')}</Table.Th>
            <Table.Th>{t('creditNotes.kind')}</Table.Th>
            <Table.Th ta="right">{t('creditNotes.amount')}</Table.Th>
            <Table.Th ta="right">{t('payments.unapplied')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {c.creditNotes.map((n) => (
            <Table.Tr key={n.id} data-testid="credit-note-row">
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {n.docNo}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{text.date(n.businessDate)}</Table.Td>
              <Table.Td ff="monospace">
                <Anchor href={`#/returns/${n.returnId}`} size="sm">
                  {n.returnNo}
                </Anchor>
              </Table.Td>
              <Table.Td>{n.settlement === 'credit' ? t('creditNotes.credit') : `${t('creditNotes.refund')} · ${t(`methods.${n.refundMethod ?? 'cash'}`)}`}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {text.money(n.grossFen)}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {n.unappliedFen > 0 ? text.money(n.unappliedFen) : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function CustomerDetailPage({ params }: { params: Record<string, string> }) {
  const text = useCustomersText();
  const { t } = text;
  const id = params.id ?? '';
  const customer = useApiQuery(() => getApi()['customers.get']({ id }), [id]);
  const [paying, setPaying] = useState(false);
  const [tab, setTab] = useState<string | null>('invoices');

  if (customer.error !== undefined && !customer.data) {
    return (
      <Stack gap="md">
        <PageHeader title={t('list.title')} backTo="/customers" backLabel={t('detail.backLabel')} />
        <ErrorState error={recordLoadError(customer.error, 'customer')} onRetry={customer.reload} />
      </Stack>
    );
  }
  if (!customer.data) return <LoadingState />;
  const c = customer.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={c.name}
        backTo="/customers"
        backLabel={t('detail.backLabel')}
        subtitle={
          <Text span ff="monospace" size="sm">
            {c.code}
          </Text>
        }
        badges={
          <>
            {c.customerClass === 'key' && (
              <Badge variant="light" color="grape">
                {t('classes.key')}
              </Badge>
            )}
            {!c.active && (
              <Badge variant="light" color="gray">
                {t('list.inactive')}
              </Badge>
            )}
          </>
        }
        actions={
          <Button leftSection={<IconCash size={18} />} onClick={() => setPaying(true)} data-testid="receive-payment">
            {t('detail.receivePayment')}
          </Button>
        }
      />
      {c.credit && c.credit.overdueFen > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} py="xs">
          {t('detail.overdueAlert', { amount: text.money(c.credit.overdueFen) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Terms c={c} text={text} />
        <Credit c={c} text={text} />
      </SimpleGrid>
      <Contacts c={c} text={text} />
      <Paper withBorder radius="md" p={0}>
        <Title order={4} px="md" pt="md">
          {t('detail.history')}
        </Title>
        <Tabs value={tab} onChange={setTab} mt="xs">
          <Tabs.List px="md">
            <Tabs.Tab value="invoices">{t('invoices.tab', { n: c.invoices.length })}</Tabs.Tab>
            <Tabs.Tab value="orders">{t('orders.tab', { n: c.orders.length })}</Tabs.Tab>
            <Tabs.Tab value="payments">{t('payments.tab', { n: c.payments.length })}</Tabs.Tab>
            <Tabs.Tab value="creditNotes">{t('creditNotes.tab', { n: c.creditNotes.length })}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="invoices">
            <Invoices invoices={c.invoices} text={text} />
          </Tabs.Panel>
          <Tabs.Panel value="orders">
            <Orders c={c} text={text} />
          </Tabs.Panel>
          <Tabs.Panel value="payments">
            <Payments c={c} text={text} />
          </Tabs.Panel>
          <Tabs.Panel value="creditNotes">
            <CreditNotes c={c} text={text} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
      <ReceivePaymentDialog opened={paying} onClose={() => setPaying(false)} onReceived={customer.reload} customer={c} invoices={c.invoices} text={text} />
    </Stack>
  );
}
