import { Badge, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox, type MantineSize } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductRow } from '../../src-main/contract';
import { getApi } from '../api/getApi';
import { localName, toLocale } from './format';

export interface ProductPickerLabels {
  label?: ReactNode;
  placeholder?: string;
  nothingFound: ReactNode;
  loadFailed: ReactNode;
  /** Shown under the options when the search matched more than fit. */
  more?: (shown: number, total: number) => ReactNode;
  inactive?: ReactNode;
}

/**
 * The picker's words from a feature's own `picker.*` keys (label, placeholder, nothingFound,
 * loadFailed, inactive, more), so each screen says them in its own terms.
 */
export function productPickerLabels(t: (key: string, options?: Record<string, unknown>) => string): ProductPickerLabels {
  return {
    label: t('picker.label'),
    placeholder: t('picker.placeholder'),
    nothingFound: t('picker.nothingFound'),
    loadFailed: t('picker.loadFailed'),
    inactive: t('picker.inactive'),
    more: (shown, total) => t('picker.more', { shown, total }),
  };
}

export interface ProductPickerProps {
  onPick: (product: ProductRow) => void;
  labels: ProductPickerLabels;
  size?: MantineSize;
  /** How many matches to show. @default 20 */
  limit?: number;
  includeInactive?: boolean;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  'data-testid'?: string;
  'aria-label'?: string;
}

interface SearchState {
  rows: ProductRow[];
  total: number;
  loading: boolean;
  failed: boolean;
}

/**
 * Finds a product by name, SKU, barcode or pinyin initials ("nfsq" → 农夫山泉) when there is no
 * barcode to scan. Arrow keys move, Enter picks the highlighted product (the first by default),
 * Escape closes; the field empties after a pick so the next search starts clean.
 */
export function ProductPicker({
  onPick,
  labels,
  size = 'lg',
  limit = 20,
  includeInactive = false,
  disabled,
  inputRef,
  ...aria
}: ProductPickerProps) {
  const { i18n } = useTranslation();
  const locale = toLocale(i18n.language);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const [state, setState] = useState<SearchState>({ rows: [], total: 0, loading: false, failed: false });
  const requestId = useRef(0);
  const opened = combobox.dropdownOpened;

  useEffect(() => {
    if (!opened) return;
    const id = ++requestId.current;
    setState((s) => ({ ...s, loading: true, failed: false }));
    getApi()['products.list']({ q: query, limit, offset: 0, includeInactive })
      .then((page) => {
        if (id !== requestId.current) return;
        setState({ rows: page.rows, total: page.total, loading: false, failed: false });
      })
      .catch(() => {
        if (id !== requestId.current) return;
        setState({ rows: [], total: 0, loading: false, failed: true });
      });
  }, [query, opened, limit, includeInactive]);

  // The best match is pre-selected so a clerk can type a few letters and press Enter.
  useEffect(() => {
    if (opened && state.rows.length > 0) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.rows, opened]);

  const pick = (id: string) => {
    const row = state.rows.find((r) => r.id === id);
    if (!row) return;
    setSearch('');
    combobox.closeDropdown();
    onPick(row);
  };

  let body: ReactNode;
  if (state.loading && state.rows.length === 0) {
    body = (
      <Combobox.Empty>
        <Loader size="sm" />
      </Combobox.Empty>
    );
  } else if (state.failed) {
    body = <Combobox.Empty c="red">{labels.loadFailed}</Combobox.Empty>;
  } else if (state.rows.length === 0) {
    body = <Combobox.Empty>{labels.nothingFound}</Combobox.Empty>;
  } else {
    body = state.rows.map((row) => (
      <Combobox.Option value={row.id} key={row.id} disabled={!row.active && !includeInactive}>
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} size={size} truncate>
              {localName(locale, row.nameZh, row.nameEn)}
            </Text>
            <Text size="sm" c="dimmed" truncate>
              {row.sku}
              {row.barcode ? ` · ${row.barcode}` : ''}
              {row.brand ? ` · ${row.brand}` : ''}
            </Text>
          </Stack>
          {!row.active && labels.inactive ? (
            <Badge color="gray" variant="light">
              {labels.inactive}
            </Badge>
          ) : null}
        </Group>
      </Combobox.Option>
    ));
  }

  return (
    <Combobox store={combobox} onOptionSubmit={pick} size={size} disabled={disabled}>
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          size={size}
          label={labels.label}
          placeholder={labels.placeholder}
          value={search}
          disabled={disabled}
          autoComplete="off"
          spellCheck={false}
          leftSection={<IconSearch size={20} stroke={1.6} />}
          rightSection={state.loading && opened ? <Loader size="xs" /> : undefined}
          data-testid={aria['data-testid'] ?? 'product-picker'}
          aria-label={aria['aria-label']}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onClick={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            // Enter on a closed picker opens it rather than being swallowed.
            if (event.key === 'Enter' && !opened) {
              event.preventDefault();
              combobox.openDropdown();
            }
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {body}
        </Combobox.Options>
        {labels.more && !state.failed && state.total > state.rows.length ? (
          <Combobox.Footer>
            <Text size="sm" c="dimmed">
              {labels.more(state.rows.length, state.total)}
            </Text>
          </Combobox.Footer>
        ) : null}
      </Combobox.Dropdown>
    </Combobox>
  );
}
