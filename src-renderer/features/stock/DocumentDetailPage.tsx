import { Alert, Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowBackUp } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { DocumentDetail, DocumentLine, ProductUnit } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { recordLoadError } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatDate, formatDateTime } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { useAppInfo } from '../../components/useAppInfo';
import { navigate } from '../../lib/router';
import { DocTypeBadge } from './DocumentsPage';
import classes from './stock.module.css';
import { unitLabel } from './unitLabel';
import { useProductUnits } from './useProductUnits';
import { useStockText, type StockText } from './useStockText';

/** Opens a document known only by its number (rows link documents by number). */
function DocNoLink({ docNo }: { docNo: string }) {
  const text = useStockText();
  const [busy, setBusy] = useState(false);
  const open = () => {
    setBusy(true);
    getApi()['stock.documents']({ q: docNo, limit: 5, offset: 0 })
      .then((page) => {
        const hit = page.rows.find((r) => r.docNo === docNo);
        if (hit) navigate(`/stock/documents/${hit.id}`);
        else notifications.show({ color: 'red', message: text.t('common:errors.NOT_FOUND') });
      })
      .catch((error: unknown) => notifications.show({ color: 'red', message: text.error(error) }))
      .finally(() => setBusy(false));
  };
  return (
    <Anchor component="button" type="button" ff="monospace" fw={700} onClick={open} disabled={busy} data-testid="linked-doc">
      {docNo}
    </Anchor>
  );
}

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
      <Text fz="lg" fw={600} component="div">
        {children}
      </Text>
    </Stack>
  );
}

function lineUnitQty(line: DocumentLine, units: ProductUnit[] | undefined, text: StockText): string {
  const unit = units?.find((u) => u.code === line.unitCode);
  const n = text.number(line.unitQty);
  if (!unit) return `${n} ${line.unitCode}`;
  return text.zh ? `${n}${unitLabel(unit, true)}` : `${n} ${unitLabel(unit, false)}`;
}

function baseQty(line: DocumentLine, units: ProductUnit[] | undefined, text: StockText): string {
  const base = units?.find((u) => u.factor === 1);
  return base ? text.qty(line.qty, [base]) : text.number(line.qty);
}

export function DocumentDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const text = useStockText();
  const { t } = text;
  const { info } = useAppInfo();
  const doc = useApiQuery(() => getApi()['stock.document']({ id }), [id]);
  const unitsByProduct = useProductUnits(doc.data?.lines.map((l) => l.productId) ?? []);
  const [reversing, setReversing] = useState(false);

  if (doc.error !== undefined && !doc.data) {
    const error = recordLoadError(doc.error, 'document');
    const notFound = text.payload(error)?.code === 'NOT_FOUND';
    return (
      <Stack gap="md">
        <PageHeader title={t('detail.title')} backTo="/stock/documents" backLabel={t('documents.title')} />
        <ErrorState
          error={error}
          title={notFound ? t('detail.notFound') : undefined}
          onRetry={notFound ? undefined : doc.reload}
          actions={
            <Button variant="default" onClick={() => navigate('/stock/documents')}>
              {t('documents.title')}
            </Button>
          }
        />
      </Stack>
    );
  }
  if (!doc.data) return <LoadingState />;
  const d = doc.data;
  const reversible = d.docType !== 'reversal' && d.reversedByDocNo === null;

  return (
    <Stack gap="md">
      <PageHeader
        title={<span data-testid="doc-no">{d.docNo}</span>}
        documentTitle={d.docNo}
        backTo="/stock/documents"
        backLabel={t('documents.title')}
        badges={
          <>
            <DocTypeBadge type={d.docType} text={text} size="lg" />
            {d.reversedByDocNo && (
              <Badge color="gray" variant="filled" size="lg" data-testid="doc-reversed">
                {t('detail.reversed')}
              </Badge>
            )}
          </>
        }
        actions={
          reversible ? (
            <Button color="red" variant="light" leftSection={<IconArrowBackUp size={18} />} onClick={() => setReversing(true)} data-testid="reverse-document">
              {t('detail.reverse')}
            </Button>
          ) : undefined
        }
      />

      {d.reversedByDocNo && (
        <Alert color="gray" icon={<IconArrowBackUp />} data-testid="reversed-notice">
          <Group gap={6}>
            <Text>{t('detail.reversedByText')}</Text>
            <DocNoLink docNo={d.reversedByDocNo} />
          </Group>
        </Alert>
      )}
      {d.reversesDocNo && (
        <Alert color="grape" icon={<IconArrowBackUp />}>
          <Group gap={6}>
            <Text>{t('detail.reversesText')}</Text>
            <DocNoLink docNo={d.reversesDocNo} />
          </Group>
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="lg" verticalSpacing="md">
          <Fact label={t('documents.businessDate')}>{formatDate(d.businessDate, text.locale)}</Fact>
          <Fact label={t('documents.warehouse')}>{d.warehouseName}</Fact>
          {d.docType === 'receipt' && <Fact label={t('fields.supplier')}>{d.supplierName ?? '—'}</Fact>}
          {d.docType === 'adjustment' && (
            <Fact label={t('fields.reason')}>
              {d.reasonCode ? t(`common:adjustmentReasons.${d.reasonCode}`, { defaultValue: d.reasonCode }) : '—'}
            </Fact>
          )}
          <Fact label={t('documents.createdBy')}>
            {d.createdByName || '—'}
            <Text fz="sm" c="dimmed" fw={400}>
              {formatDateTime(d.createdAt, text.locale, info.branch?.timeZone)}
            </Text>
          </Fact>
        </SimpleGrid>
        {d.note && (
          <Stack gap={2} mt="md">
            <Text fz="sm" c="dimmed">
              {t('fields.note')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{d.note}</Text>
          </Stack>
        )}
      </Paper>

      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" horizontalSpacing="sm" className={classes.documentLines} aria-label={t('detail.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={48}>#</Table.Th>
                <Table.Th>{t('line.product')}</Table.Th>
                <Table.Th ta="right">{t('detail.unitQty')}</Table.Th>
                <Table.Th ta="right">{t('detail.baseQty')}</Table.Th>
                <Table.Th>{t('line.lot')}</Table.Th>
                <Table.Th>{t('line.expiry')}</Table.Th>
                <Table.Th ta="right">{t('detail.unitCost')}</Table.Th>
                <Table.Th ta="right">{t('line.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.lines.map((line) => {
                const units = unitsByProduct.get(line.productId);
                const negative = line.qty < 0;
                return (
                  <Table.Tr key={line.lineNo} data-testid="doc-line">
                    <Table.Td c="dimmed">{line.lineNo}</Table.Td>
                    <Table.Td className={classes.wrapCell}>
                      <Anchor href={`#/products/${line.productId}`} fw={600}>
                        {text.name(line)}
                      </Anchor>
                      <Text fz="sm" c="dimmed" ff="monospace">
                        {line.sku}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amount} fw={700} c={negative ? 'red.8' : undefined}>
                      {lineUnitQty(line, units, text)}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amount} c={negative ? 'red.8' : undefined}>
                      {baseQty(line, units, text)}
                    </Table.Td>
                    <Table.Td ff="monospace">{line.lotCode || '—'}</Table.Td>
                    <Table.Td>{line.expiryDate ? formatDate(line.expiryDate, text.locale) : '—'}</Table.Td>
                    <Table.Td ta="right" className={classes.amount}>
                      {line.unitCostFen === null ? '—' : text.money(line.unitCostFen)}
                    </Table.Td>
                    <Table.Td ta="right" className={classes.amount} c={line.valueFen < 0 ? 'red.8' : undefined}>
                      {text.money(line.valueFen)}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={3}>{t('detail.totals', { count: d.lines.length })}</Table.Th>
                <Table.Th ta="right" className={classes.amount} data-testid="doc-total-qty">
                  {text.number(d.totalQty)}
                </Table.Th>
                <Table.Th colSpan={3} />
                <Table.Th ta="right" className={classes.amount} data-testid="doc-total-value">
                  {text.money(d.totalValueFen)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <ReverseDialog
        document={d}
        opened={reversing}
        unitsByProduct={unitsByProduct}
        onClose={() => setReversing(false)}
        onReversed={() => {
          setReversing(false);
          doc.reload();
        }}
      />
    </Stack>
  );
}

interface ReverseDialogProps {
  document: DocumentDetail;
  opened: boolean;
  unitsByProduct: ReadonlyMap<string, ProductUnit[]>;
  onClose: () => void;
  onReversed: () => void;
}

/** Reversal is the only correction of a posted document: a new document with opposite movements. */
function ReverseDialog({ document: d, opened, unitsByProduct, onClose, onReversed }: ReverseDialogProps) {
  const text = useStockText();
  const { t } = text;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const close = () => {
    if (busy) return;
    setFailure(null);
    onClose();
  };

  const failureText = (error: unknown) => {
    const payload = text.payload(error);
    if (payload?.code === 'STOCK_INSUFFICIENT' && typeof payload.params?.productId === 'string') {
      const units = unitsByProduct.get(payload.params.productId);
      const line = d.lines.find((l) => l.productId === payload.params?.productId);
      if (units && line) {
        return t('detail.reverseShort', {
          product: text.name(line),
          detail: text.problem({ code: payload.code, params: payload.params }, units),
        });
      }
    }
    return text.error(error);
  };

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const reversal = await getApi()['stock.reverse']({ documentId: d.id, note: note.trim() });
      notifications.show({
        color: 'green',
        title: t('detail.reverseDone'),
        autoClose: 10_000,
        'data-testid': 'reverse-success',
        message: (
          <Group gap="sm">
            <Text ff="monospace" fw={700} c="var(--mantine-color-text)">
              {reversal.docNo}
            </Text>
            <Anchor href={`#/stock/documents/${reversal.id}`} fw={600}>
              {t('form.openDocument')}
            </Anchor>
          </Group>
        ),
      });
      setNote('');
      onReversed();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('detail.reverseTitle', { docNo: d.docNo })} size="lg" centered>
      <Stack>
        <Text>{t('detail.reverseText')}</Text>
        <Textarea
          label={t('detail.reverseNote')}
          placeholder={t('detail.reverseNotePlaceholder')}
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        {failure !== null && (
          <Alert color="red" icon={<IconAlertCircle />} role="alert" data-testid="form-error" title={t('detail.reverseFailed')}>
            {failureText(failure)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirm()} data-testid="confirm-reverse">
            {t('detail.reverseConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
