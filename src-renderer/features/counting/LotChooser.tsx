import { Badge, Button, Group, Kbd, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import classes from './counting.module.css';
import type { LotChoice } from './countingMemory';
import { lotOptions, type LotOption } from './lotOptions';
import type { LotRequest } from './useCountingSession';
import type { CountingText } from './useCountingText';

export interface LotChooserProps {
  request: LotRequest | null;
  blind: boolean;
  text: CountingText;
}

/**
 * Which lot is on the shelf: one key for a known lot (1–9), or a new lot's code and expiry as
 * printed on the goods. Asked once per product; the screen remembers the answer.
 */
export const LotChooser = memo(function LotChooser({ request, blind, text }: LotChooserProps) {
  const { t } = text;
  const options = useMemo(() => (request ? lotOptions(request.countLines, request.onHand, blind) : []), [request, blind]);
  const [selected, setSelected] = useState(0);
  const [newLot, setNewLot] = useState<{ code: string; expiry: string } | null>(null);
  const [problem, setProblem] = useState<{ code?: string; expiry?: string }>({});
  const listRef = useRef<HTMLDivElement | null>(null);
  const codeRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (!request) return;
    const current = request.current;
    const index = current ? options.findIndex((o) => o.lotId === current.lotId || (o.lotCode === current.lotCode && current.lotId === undefined)) : -1;
    setSelected(Math.max(0, index));
    setNewLot(options.length === 0 ? { code: '', expiry: '' } : null);
    setProblem({});
  }, [request, options]);

  useEffect(() => {
    if (!request) return;
    const timer = window.setTimeout(() => {
      if (options.length === 0) codeRef.current?.focus();
      else listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.focus();
    }, 0);
    return () => window.clearTimeout(timer);
    // Focus follows the selection only when the chooser opens or the new-lot form closes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, newLot === null]);

  // Keys work wherever the focus is in the dialog (a number picks, N adds), except while typing a new lot.
  const keyHandler = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useEffect(() => {
    if (!request) return undefined;
    const listener = (event: KeyboardEvent) => keyHandler.current(event);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, [request]);

  if (!request) return null;
  const { product } = request;

  const choose = (option: LotOption) => request.resolve({ lotId: option.lotId, lotCode: option.lotCode, expiryDate: option.expiryDate });

  const submitNew = () => {
    if (!newLot) return;
    const code = newLot.code.trim();
    const next: typeof problem = {};
    if (code === '') next.code = t('lot.codeRequired');
    else if (!/^[\w\-./]{1,40}$/u.test(code)) next.code = t('lot.codeInvalid');
    const needsExpiry = product.shelfLifeDays !== null;
    if (needsExpiry && newLot.expiry === '') next.expiry = t('lot.expiryRequired');
    setProblem(next);
    if (next.code || next.expiry) return;
    const existing = options.find((o) => o.lotCode === code);
    const choice: LotChoice = existing
      ? { lotId: existing.lotId, lotCode: existing.lotCode, expiryDate: existing.expiryDate }
      : { lotCode: code, expiryDate: newLot.expiry === '' ? null : newLot.expiry };
    request.resolve(choice);
  };

  const focusOption = (index: number) => {
    setSelected(index);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.altKey || event.metaKey) return;
    const digit = Number(event.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= Math.min(9, options.length)) {
      event.preventDefault();
      const option = options[digit - 1];
      if (option) choose(option);
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && options.length > 0) {
      event.preventDefault();
      focusOption((selected + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (event.key.toLowerCase() === 'n' || event.key === '+') {
      event.preventDefault();
      setNewLot((current) => current ?? { code: '', expiry: '' });
      window.setTimeout(() => codeRef.current?.focus(), 0);
    }
  };

  keyHandler.current = onKey;

  return (
    <Modal
      opened
      onClose={() => request.resolve(null)}
      size="lg"
      centered
      title={
        <Stack gap={0}>
          <Text fw={700} fz="xl">
            {t('lot.title')}
          </Text>
          <Text c="dimmed" fz="md">
            {text.name(product)} · {product.sku}
          </Text>
        </Stack>
      }
      data-testid="lot-chooser"
    >
      <Stack gap="md">
        {options.length > 0 && (
          <div ref={listRef} role="listbox" aria-label={t('lot.known')} className={classes.lotList}>
            {options.map((o, i) => (
              <UnstyledButton
                key={o.lotId}
                role="option"
                aria-selected={i === selected}
                data-index={i}
                data-autofocus={i === selected || undefined}
                data-testid="lot-option"
                className={classes.lotOption}
                onFocus={() => setSelected(i)}
                onClick={() => choose(o)}
              >
                <Group justify="space-between" wrap="nowrap" gap="md">
                  <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
                    {i < 9 && <Kbd size="lg">{i + 1}</Kbd>}
                    <Text fw={700} fz="lg" ff="monospace" truncate>
                      {o.lotCode === '' ? t('lot.noCode') : o.lotCode}
                    </Text>
                    <Text fz="md" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {o.expiryDate ? t('lot.expires', { date: text.date(o.expiryDate) }) : t('lot.noExpiry')}
                    </Text>
                  </Group>
                  <Group gap={6} wrap="nowrap">
                    {o.found && (
                      <Badge color="orange" variant="light">
                        {t('lot.found')}
                      </Badge>
                    )}
                    {o.counted !== null && (
                      <Badge color="ledgerTeal" variant="light">
                        {t('lot.counted', { qty: text.qty(o.counted, product.units) })}
                      </Badge>
                    )}
                    {o.onHand !== null && (
                      <Badge color="gray" variant="light">
                        {t('lot.onHand', { qty: text.qty(o.onHand, product.units) })}
                      </Badge>
                    )}
                  </Group>
                </Group>
              </UnstyledButton>
            ))}
          </div>
        )}

        {newLot === null ? (
          <Button variant="default" leftSection={<IconPlus size={18} />} onClick={() => setNewLot({ code: '', expiry: '' })} data-testid="lot-new">
            {t('lot.new')} <Kbd ml="xs">N</Kbd>
          </Button>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              submitNew();
            }}
          >
            <Stack gap="sm" className={classes.newLot}>
              <Text fw={700}>{options.length === 0 ? t('lot.firstLot') : t('lot.newTitle')}</Text>
              <Group align="flex-start" grow>
                <TextInput
                  ref={codeRef}
                  label={t('lot.code')}
                  size="lg"
                  withAsterisk
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={40}
                  data-testid="lot-code"
                  value={newLot.code}
                  error={problem.code}
                  onChange={(event) => setNewLot({ ...newLot, code: event.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('lot.expiry')}
                  size="lg"
                  withAsterisk={product.shelfLifeDays !== null}
                  data-testid="lot-expiry"
                  value={newLot.expiry}
                  error={problem.expiry}
                  onChange={(event) => setNewLot({ ...newLot, expiry: event.currentTarget.value })}
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" size="md" data-testid="lot-confirm">
                  {t('lot.useNew')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <Text fz="sm" c="dimmed">
          {options.length > 0 ? t('lot.keysHint') : t('lot.keysHintNew')}
        </Text>
      </Stack>
    </Modal>
  );
});
