import { Alert, Button, Checkbox, Group, Loader, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconBarcode, IconFilterOff, IconPackages, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductRow } from '../../../src-main/contract';
import { getApi } from '../../api/getApi';
import { EmptyState } from '../../components/EmptyState';
import { errorCode, errorMessage } from '../../components/errors';
import { ErrorState } from '../../components/ErrorState';
import { formatNumber, localName, otherName, toLocale, type Locale } from '../../components/format';
import { LoadingState } from '../../components/LoadingState';
import { PackQuantity } from '../../components/PackQuantity';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../components/useApiQuery';
import { navigate } from '../../lib/router';
import classes from './ProductsPage.module.css';
import { useProductPages, type ProductFilters } from './useProductPages';

const rowHeight = 56;
const headerHeight = 40;
const searchDebounceMs = 150;
/** EAN-8, UPC-A, EAN-13, ITF-14: what a keyboard-wedge scanner types before Enter. */
const barcodePattern = /^\d{8,14}$/;

/**
 * What the list looked like when the clerk left it, so Back from a product returns to the
 * same search, selection and scroll position. Lives as long as the window.
 */
const remembered: ProductFilters & { selected: number | null; scrollTop: number } = {
  q: '',
  categoryId: null,
  includeInactive: false,
  selected: null,
  scrollTop: 0,
};

export function productPath(id: string, scannedUnit?: string): string {
  return scannedUnit ? `/products/${encodeURIComponent(id)}?unit=${encodeURIComponent(scannedUnit)}` : `/products/${encodeURIComponent(id)}`;
}

/** Plain elements, not Mantine components: a fast scroll mounts dozens of these per frame. */
function RowCells({ row, locale, labels }: { row: ProductRow; locale: Locale; labels: StatusLabels }) {
  const name = localName(locale, row.nameZh, row.nameEn);
  const other = otherName(locale, row.nameZh, row.nameEn);
  const category = localName(locale, row.categoryZh, row.categoryEn) || '—';
  const stockClass = row.onHand < 0 ? classes.negative : row.onHand === 0 ? classes.zero : undefined;
  return (
    <>
      <div className={classes.mono} role="gridcell">
        {row.sku}
      </div>
      <div className={classes.cell} role="gridcell" title={name}>
        <div className={classes.name}>{name}</div>
        {other && <div className={classes.other}>{other}</div>}
      </div>
      <div className={classes.cell} role="gridcell" title={category}>
        {category}
      </div>
      <div className={`${classes.cell} ${classes.brandCol}`} role="gridcell">
        {row.brand || '—'}
      </div>
      <div className={`${classes.mono} ${classes.barcodeCol}`} role="gridcell">
        {row.barcode ?? '—'}
      </div>
      <div className={classes.stock} role="gridcell">
        <span className={stockClass}>
          <PackQuantity qty={row.onHand} units={row.units} locale={locale} />
        </span>
      </div>
      <div className={classes.cell} role="gridcell">
        <span className={row.active ? classes.active : classes.inactive}>{row.active ? labels.active : labels.inactive}</span>
      </div>
    </>
  );
}

interface StatusLabels {
  active: string;
  inactive: string;
}

interface GridRowProps {
  index: number;
  start: number;
  row: ProductRow | undefined;
  selected: boolean;
  locale: Locale;
  labels: StatusLabels;
  onOpen: (index: number, row: ProductRow | undefined) => void;
}

/** One visible row. Memoised: scrolling re-renders the list, but a row only when its data changes. */
const GridRow = memo(function GridRow({ index, start, row, selected, locale, labels, onOpen }: GridRowProps) {
  return (
    <div
      id={`product-row-${index}`}
      className={classes.item}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ height: rowHeight, transform: `translateY(${start - headerHeight}px)` }}
      onClick={() => onOpen(index, row)}
      data-testid={row ? `product-row-${row.sku}` : undefined}
    >
      {row ? <RowCells row={row} locale={locale} labels={labels} /> : <PlaceholderCells />}
    </div>
  );
});

function PlaceholderCells() {
  const optional = [undefined, undefined, undefined, classes.brandCol, classes.barcodeCol, undefined, undefined];
  return (
    <>
      {[60, 85, 50, 40, 70, 50, 40].map((w, i) => (
        <div key={i} className={`${classes.cell} ${optional[i] ?? ''}`} role="gridcell" aria-busy="true">
          <div className={classes.placeholder} style={{ width: `${w}%` }} />
        </div>
      ))}
    </>
  );
}

/**
 * '/products': the catalogue, searchable by name, SKU, barcode or pinyin initials, smooth with
 * 20,000 products (only the visible rows are rendered; pages of 200 load as the list scrolls).
 * The search box has focus; a scanned barcode + Enter opens that product at once.
 */
export function ProductsPage() {
  const { t, i18n } = useTranslation('products');
  const locale = toLocale(i18n.language);

  const [text, setText] = useState(remembered.q);
  const [query, setQuery] = useState(remembered.q);
  const [categoryId, setCategoryId] = useState<string | null>(remembered.categoryId);
  const [includeInactive, setIncludeInactive] = useState(remembered.includeInactive);
  const [selected, setSelected] = useState<number | null>(remembered.selected);
  const [lookingUp, setLookingUp] = useState<string | null>(null);

  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const applyQuery = useDebouncedCallback((value: string) => setQuery(value.trim()), searchDebounceMs);

  const categories = useApiQuery(() => getApi()['master.categories']({}), []);
  const categoryOptions = useMemo(
    () =>
      (categories.data ?? [])
        .map((c) => ({ value: c.id, label: localName(locale, c.nameZh, c.nameEn) || c.code }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [categories.data, locale],
  );

  const { shown, searching, firstPageError, retry } = useProductPages({ q: query, categoryId, includeInactive });
  const total = shown.total ?? 0;
  const filtered = query !== '' || categoryId !== null || includeInactive;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    initialOffset: remembered.scrollTop,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;

  // Load the pages under the visible rows (and the overscan around them).
  useEffect(() => {
    if (shown.total !== null && shown.total > 0) shown.ensure(firstIndex, lastIndex);
  }, [shown, shown.total, firstIndex, lastIndex]);

  // A new search starts at the top with nothing selected.
  const shownRef = useRef(shown);
  useLayoutEffect(() => {
    if (shownRef.current === shown) return;
    shownRef.current = shown;
    setSelected(null);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [shown]);

  useEffect(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);

  // Remember the list for the way back.
  useEffect(() => {
    remembered.q = query;
    remembered.categoryId = categoryId;
    remembered.includeInactive = includeInactive;
    remembered.selected = selected;
  }, [query, categoryId, includeInactive, selected]);
  useEffect(() => {
    const el = scrollRef.current;
    return () => {
      remembered.scrollTop = el?.scrollTop ?? 0;
    };
  }, []);

  const select = useCallback(
    (index: number | null) => {
      setSelected(index);
      if (index !== null) virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [virtualizer],
  );

  const open = useCallback((row: ProductRow | undefined) => {
    if (row) navigate(productPath(row.id));
  }, []);

  const openRow = useCallback(
    (index: number, row: ProductRow | undefined) => {
      setSelected(index);
      open(row);
    },
    [open],
  );

  const activeLabel = t('common:status.active');
  const inactiveLabel = t('common:status.inactive');
  const statusLabels = useMemo(() => ({ active: activeLabel, inactive: inactiveLabel }), [activeLabel, inactiveLabel]);

  const lookupBarcode = useCallback(
    async (barcode: string) => {
      setLookingUp(barcode);
      try {
        const hit = await getApi()['products.lookupBarcode']({ barcode });
        navigate(productPath(hit.product.id, hit.unit.code));
      } catch (error) {
        setLookingUp(null);
        notifications.show({
          color: errorCode(error) === 'BARCODE_UNKNOWN' ? 'orange' : 'red',
          icon: <IconBarcode size={18} />,
          title: barcode,
          message: errorMessage(t, error),
          autoClose: 6000,
        });
        // An unknown scan changes nothing: the list keeps its search, ready for the next scan.
        setText(query);
        window.requestAnimationFrame(() => searchRef.current?.select());
      }
    },
    [query, t],
  );

  const visibleRows = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? rowHeight * 10) - headerHeight) / rowHeight));

  /** ↑/↓/PageUp/PageDown move the selection, Enter opens; shared by the search box and the list. */
  function handleListKeys(event: KeyboardEvent<HTMLElement>, fromSearch: boolean) {
    if (total === 0 && event.key !== 'Enter') return;
    const last = total - 1;
    const current = selected;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        select(current === null ? 0 : Math.min(current + 1, last));
        return;
      case 'ArrowUp':
        event.preventDefault();
        select(current === null ? 0 : Math.max(current - 1, 0));
        return;
      case 'PageDown':
        event.preventDefault();
        select(Math.min((current ?? 0) + visibleRows, last));
        return;
      case 'PageUp':
        event.preventDefault();
        select(Math.max((current ?? 0) - visibleRows, 0));
        return;
      case 'Home':
        if (fromSearch && !event.ctrlKey) return;
        event.preventDefault();
        select(0);
        return;
      case 'End':
        if (fromSearch && !event.ctrlKey) return;
        event.preventDefault();
        select(last);
        return;
      case 'Enter':
        event.preventDefault();
        onEnter(fromSearch);
        return;
      default:
    }
  }

  function onEnter(fromSearch: boolean) {
    const typed = text.trim();
    const typedIsApplied = typed === query;
    if (fromSearch && !typedIsApplied && barcodePattern.test(typed)) {
      // A scanner types faster than the debounce: this is a scan, not a search.
      applyQuery.cancel();
      void lookupBarcode(typed);
      return;
    }
    if (fromSearch && !typedIsApplied) {
      applyQuery.flush();
      return;
    }
    if (selected !== null) {
      open(shown.row(selected));
      return;
    }
    if (fromSearch && barcodePattern.test(typed) && total !== 1) {
      void lookupBarcode(typed);
      return;
    }
    if (total === 1) open(shown.row(0));
  }

  /** Typing while the list has focus goes to the search box (a scanner does not aim). */
  function handleGridKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key.length === 1 && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      const next = text + event.key;
      setText(next);
      applyQuery(next);
      searchRef.current?.focus();
      return;
    }
    handleListKeys(event, false);
  }

  const clearFilters = () => {
    setText('');
    setQuery('');
    applyQuery.cancel();
    setCategoryId(null);
    setIncludeInactive(false);
    searchRef.current?.focus();
  };

  const subtitle =
    shown.total === null
      ? ' '
      : filtered
        ? t('list.countFiltered', { count: total, n: formatNumber(total, locale) })
        : t('list.count', { count: total, n: formatNumber(total, locale) });

  const activeId = selected !== null ? `product-row-${selected}` : undefined;

  let body: ReactNode;
  if (firstPageError) {
    body = <ErrorState error={firstPageError} onRetry={retry} minHeight={320} />;
  } else if (shown.total === null) {
    body = <LoadingState minHeight={320} />;
  } else if (total === 0) {
    body = filtered ? (
      <EmptyState
        icon={<IconSearch size={28} />}
        title={t('list.noResultsTitle')}
        description={t('list.noResultsDescription')}
        action={
          <Button variant="default" leftSection={<IconFilterOff size={18} />} onClick={clearFilters}>
            {t('list.clearFilters')}
          </Button>
        }
        minHeight={320}
      />
    ) : (
      <EmptyState icon={<IconPackages size={28} />} title={t('list.emptyTitle')} description={t('list.emptyDescription')} minHeight={320} />
    );
  }

  return (
    <div className={classes.page}>
      <PageHeader title={t('list.title')} subtitle={subtitle} />

      <Group gap="sm" align="center" wrap="wrap">
        <TextInput
          ref={searchRef}
          style={{ flex: '1 1 380px' }}
          aria-label={t('list.searchLabel')}
          placeholder={t('list.searchPlaceholder')}
          leftSection={<IconSearch size={18} />}
          rightSection={lookingUp !== null || (searching && !firstPageError) ? <Loader size={18} /> : undefined}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            applyQuery(e.currentTarget.value);
          }}
          onKeyDown={(e) => handleListKeys(e, true)}
          onFocus={(e) => e.currentTarget.select()}
          aria-controls="products-grid"
          aria-activedescendant={activeId}
          autoComplete="off"
          spellCheck={false}
        />
        <Select
          style={{ flex: '0 1 240px' }}
          aria-label={t('list.category')}
          placeholder={categories.error ? t('list.categoriesFailed') : t('list.allCategories')}
          data={categoryOptions}
          value={categoryId}
          onChange={setCategoryId}
          clearable
          searchable
          disabled={Boolean(categories.error)}
          nothingFoundMessage={t('common:states.noResults')}
        />
        <Checkbox
          label={t('list.includeInactive')}
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
        />
      </Group>

      {shown.error !== null && shown.total !== null && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('list.pageFailed')}
          withCloseButton={false}
        >
          <Group justify="space-between">
            <Text fz="sm">{errorMessage(t, shown.error)}</Text>
            <Button size="xs" variant="white" onClick={retry}>
              {t('common:actions.retry')}
            </Button>
          </Group>
        </Alert>
      )}

      {body ?? (
        <div
          ref={scrollRef}
          id="products-grid"
          className={`${classes.scroller} ${searching ? classes.stale : ''}`}
          role="grid"
          aria-label={t('list.title')}
          aria-rowcount={total + 1}
          aria-busy={searching}
          aria-activedescendant={activeId}
          tabIndex={0}
          onKeyDown={handleGridKeyDown}
        >
          <div className={classes.grid}>
            <div className={classes.head} role="row" aria-rowindex={1}>
              <div className={classes.cell} role="columnheader">
                {t('list.columns.sku')}
              </div>
              <div className={classes.cell} role="columnheader">
                {t('list.columns.name')}
              </div>
              <div className={classes.cell} role="columnheader">
                {t('list.columns.category')}
              </div>
              <div className={`${classes.cell} ${classes.brandCol}`} role="columnheader">
                {t('list.columns.brand')}
              </div>
              <div className={`${classes.cell} ${classes.barcodeCol}`} role="columnheader">
                {t('list.columns.barcode')}
              </div>
              <div className={classes.num} role="columnheader">
                {t('list.columns.onHand')}
              </div>
              <div className={classes.cell} role="columnheader">
                {t('list.columns.status')}
              </div>
            </div>
            <div className={classes.body} style={{ height: virtualizer.getTotalSize() - headerHeight }}>
              {items.map((item) => (
                <GridRow
                  key={item.key}
                  index={item.index}
                  start={item.start}
                  row={shown.row(item.index)}
                  selected={selected === item.index}
                  locale={locale}
                  labels={statusLabels}
                  onOpen={openRow}
                />
              ))}
            </div>
          </div>
        </div>
      )}

      <Group justify="space-between" gap="xs">
        <Text fz="xs" c="dimmed">
          <IconBarcode size={14} style={{ verticalAlign: 'middle' }} /> {t('list.keyboardHint')}
        </Text>
        {lookingUp !== null && (
          <Text fz="xs" c="dimmed" role="status">
            {t('list.scanning', { barcode: lookingUp })}
          </Text>
        )}
      </Group>
    </div>
  );
}
