import { Badge, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import type { CustomerRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import type { SalesText } from './useSalesText';

export interface CustomerLookupProps {
  /** What the field shows when not searching: the chosen customer. */
  chosen: string;
  onPick: (customer: CustomerRow) => void;
  text: SalesText;
  error?: ReactNode;
  disabled?: boolean;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * Finds a customer by code, name or phone as the desk types; Enter takes the highlighted one
 * (the first by default). Inactive customers are listed but cannot be taken.
 */
export function CustomerLookup({ chosen, onPick, text, error, disabled, autoFocus, inputRef }: CustomerLookupProps) {
  const { t } = text;
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState<string | null>(null);
  const [query] = useDebouncedValue((search ?? '').trim(), 200);
  const [rows, setRows] = useState<CustomerRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const requestId = useRef(0);
  const opened = combobox.dropdownOpened;

  useEffect(() => {
    if (!opened) return;
    const id = ++requestId.current;
    setLoading(true);
    getApi()['customers.list']({ q: query, limit: 12, offset: 0 })
      .then((page) => {
        if (id !== requestId.current) return;
        setRows(page.rows);
        setFailed(false);
        setLoading(false);
      })
      .catch(() => {
        if (id !== requestId.current) return;
        setRows([]);
        setFailed(true);
        setLoading(false);
      });
  }, [query, opened]);

  useEffect(() => {
    if (opened && rows.length > 0) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, opened]);

  const pick = (id: string) => {
    const row = rows.find((r) => r.id === id);
    if (!row || !row.active) return;
    setSearch(null);
    combobox.closeDropdown();
    onPick(row);
  };

  return (
    <Combobox store={combobox} onOptionSubmit={pick} disabled={disabled}>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          size="md"
          label={t('entry.customer')}
          placeholder={t('entry.customerPlaceholder')}
          withAsterisk
          autoFocus={autoFocus}
          disabled={disabled}
          value={search ?? chosen}
          error={error}
          autoComplete="off"
          spellCheck={false}
          data-testid="customer-lookup"
          leftSection={<IconUserSearch size={18} />}
          rightSection={loading && opened ? <Loader size="xs" /> : undefined}
          onFocus={(event) => event.currentTarget.select()}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onClick={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            setSearch(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !opened) {
              event.preventDefault();
              combobox.openDropdown();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={380} style={{ overflowY: 'auto' }}>
          {failed ? (
            <Combobox.Empty c="red">{t('entry.customerLoadFailed')}</Combobox.Empty>
          ) : rows.length === 0 ? (
            <Combobox.Empty>{loading ? <Loader size="sm" /> : t('entry.customerNotFound')}</Combobox.Empty>
          ) : (
            rows.map((row) => (
              <Combobox.Option value={row.id} key={row.id} disabled={!row.active}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} truncate>
                      {row.name}
                    </Text>
                    <Text size="sm" c="dimmed" truncate>
                      {row.code} · {t(`channel.${row.channel}`)}
                      {row.phone ? ` · ${row.phone}` : ''}
                    </Text>
                  </Stack>
                  <Group gap={4} wrap="nowrap">
                    {row.customerClass === 'key' && (
                      <Badge variant="light" color="grape">
                        {t('class.key')}
                      </Badge>
                    )}
                    {!row.active && (
                      <Badge variant="light" color="gray">
                        {t('entry.inactive')}
                      </Badge>
                    )}
                  </Group>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
