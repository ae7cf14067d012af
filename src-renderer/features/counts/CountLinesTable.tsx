import { Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import type { CountLineRow } from '../../../src-main/contract';
import { PackQuantity } from '../../components/PackQuantity';
import type { CountsText } from './useCountsText';

export const lineKey = (l: Pick<CountLineRow, 'productId' | 'lotId'>) => `${l.productId}|${l.lotId}`;

interface Props {
  rows: CountLineRow[];
  text: CountsText;
  /** Book figures are hidden (blind count still counting). */
  hideBook: boolean;
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (row: CountLineRow) => void;
  onTogglePage: (rows: CountLineRow[], select: boolean) => void;
}

function Flags({ row, text }: { row: CountLineRow; text: CountsText }) {
  const { t } = text;
  if (row.varianceQty === null) return null;
  if (row.varianceQty === 0 && row.countedQty !== null) return <Badge color="teal" variant="light">{t('columns.ready')}</Badge>;
  return (
    <Group gap={4} wrap="wrap">
      {row.needsReason && <Badge color="orange" variant="light">{t('columns.needsReason')}</Badge>}
      {row.needsRecount && !row.approved && <Badge color="red" variant="light">{t('columns.needsRecount')}</Badge>}
      {row.needsApproval && !row.approved && <Badge color="grape" variant="light">{t('columns.needsApproval')}</Badge>}
      {row.approved && <Badge color="teal" variant="outline">{t('columns.approved')}</Badge>}
      {row.ready && !row.approved && row.varianceQty !== 0 && <Badge color="teal" variant="light">{t('columns.ready')}</Badge>}
    </Group>
  );
}

/** A count's lines: where, what, the book against the count, and what still stops posting. */
export function CountLinesTable({ rows, text, hideBook, selectable, selected, onToggle, onTogglePage }: Props) {
  const { t } = text;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(lineKey(r)));
  const someOnPage = rows.some((r) => selected.has(lineKey(r)));
  return (
    <Table.ScrollContainer minWidth={hideBook ? 640 : 960}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="count-lines" aria-label={t('review.title')} styles={{ th: { whiteSpace: 'nowrap' } }}>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label={t('review.selectAll')}
                  checked={allOnPage}
                  indeterminate={!allOnPage && someOnPage}
                  onChange={() => onTogglePage(rows, !allOnPage)}
                />
              </Table.Th>
            )}
            <Table.Th w={96}>{t('columns.location')}</Table.Th>
            <Table.Th>{t('columns.product')}</Table.Th>
            <Table.Th>{t('columns.lot')}</Table.Th>
            {!hideBook && <Table.Th ta="right">{t('columns.expected')}</Table.Th>}
            <Table.Th ta="right">{t('columns.counted')}</Table.Th>
            {!hideBook && <Table.Th ta="right">{t('columns.variance')}</Table.Th>}
            {!hideBook && <Table.Th ta="right">{t('columns.value')}</Table.Th>}
            {!hideBook && <Table.Th>{t('columns.reason')}</Table.Th>}
            {!hideBook && <Table.Th>{t('columns.flags')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const variance = row.varianceQty ?? 0;
            return (
              <Table.Tr key={lineKey(row)} data-testid="count-line" data-sku={row.sku} data-lot={row.lotCode}>
                {selectable && (
                  <Table.Td>
                    <Checkbox aria-label={`${row.sku} ${row.lotCode}`} checked={selected.has(lineKey(row))} onChange={() => onToggle(row)} />
                  </Table.Td>
                )}
                <Table.Td ff="monospace" fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {row.location ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} lineClamp={1}>
                    {text.name(row)}
                  </Text>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {row.sku}
                    </Text>
                    {!row.expected && (
                      <Badge size="xs" color="cyan" variant="light">
                        {t('columns.foundLine')}
                      </Badge>
                    )}
                    {row.round > 1 && (
                      <Badge size="xs" color="gray" variant="light">
                        {t('columns.round', { n: row.round })}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {row.lotCode === '' ? t('columns.noLot') : row.lotCode}
                  </Text>
                  {row.expiryDate && (
                    <Text size="xs" c="dimmed">
                      {row.expiryDate}
                    </Text>
                  )}
                </Table.Td>
                {!hideBook && (
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <PackQuantity qty={row.expectedQty ?? 0} units={row.units} locale={text.locale} />
                    {row.movedSinceSnapshot ? (
                      <Text size="xs" c="dimmed" title={t('columns.moved')}>
                        {t('columns.book')} {text.qty(row.bookQty ?? 0, row.units)} · {row.movedSinceSnapshot > 0 ? '+' : ''}
                        {text.qty(row.movedSinceSnapshot, row.units)}
                      </Text>
                    ) : null}
                  </Table.Td>
                )}
                <Table.Td ta="right" data-testid="line-counted">
                  {row.countedQty === null ? (
                    <Text span c="dimmed" size="sm">
                      {t('columns.notCounted')}
                    </Text>
                  ) : (
                    <PackQuantity qty={row.countedQty} units={row.units} locale={text.locale} />
                  )}
                </Table.Td>
                {!hideBook && (
                  <Table.Td ta="right" c={variance < 0 ? 'red' : variance > 0 ? 'teal' : 'dimmed'} fw={variance === 0 ? undefined : 600} data-testid="line-variance">
                    {variance === 0 ? '0' : <PackQuantity qty={variance} units={row.units} locale={text.locale} signed />}
                  </Table.Td>
                )}
                {!hideBook && (
                  <Table.Td ta="right" c={variance < 0 ? 'red' : variance > 0 ? 'teal' : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {row.varianceValueFen ? text.money(row.varianceValueFen) : '—'}
                  </Table.Td>
                )}
                {!hideBook && <Table.Td>{row.reasonCode ? t(`reasons.${row.reasonCode}`, { defaultValue: row.reasonCode }) : '—'}</Table.Td>}
                {!hideBook && (
                  <Table.Td>
                    <Flags row={row} text={text} />
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
