import { Button, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileSpreadsheet, IconFileText, IconFileTypePdf, IconDownload } from '@tabler/icons-react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../src-main/contract';
import { saveExportedFile } from '../api/saveExportedFile';
import { errorMessage, type Translate } from './errors';
import { formatNumber, toLocale } from './format';

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

/** What a long export may use: report rows written so far, and hear that the user cancelled. */
export interface ExportProgress {
  report: (rowsWritten: number) => void;
  signal: AbortSignal;
}

export interface ExportMenuProps {
  /**
   * Makes the file on the Node side (an export method such as stock.exportOnHand). A long
   * export reports its progress and stops when `progress.signal` aborts (the Cancel button,
   * shown while it runs when `cancellable` is set).
   */
  make: (format: ExportFormat, progress: ExportProgress) => Promise<ExportedFile>;
  cancellable?: boolean;
  formats?: readonly ExportFormat[];
  disabled?: boolean;
  /** The button's words when a screen offers more than one export ("Count sheet", "Variances"). */
  label?: string;
  /** Test id of the button; its items are `<testId>-xlsx` and so on. @default 'export-menu' */
  testId?: string;
  /** 'xs' for a button inside a table row. @default 'sm' */
  size?: 'xs' | 'sm';
}

const icons: Record<ExportFormat, ReactNode> = {
  xlsx: <IconFileSpreadsheet size={18} />,
  csv: <IconFileText size={18} />,
  pdf: <IconFileTypePdf size={18} />,
};

/**
 * The export button every report and document shares: pick a format, the file is made (the
 * button shows it is busy), then saved the host's way. A failure is a translated notification;
 * the screen stays as it was.
 */
export function ExportMenu({ make, cancellable = false, formats = ['xlsx', 'csv', 'pdf'], disabled = false, label, testId = 'export-menu', size = 'sm' }: ExportMenuProps) {
  const { t: rawT, i18n } = useTranslation('common');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const [busy, setBusy] = useState(false);
  const [rowsWritten, setRowsWritten] = useState(0);
  const controller = useRef<AbortController | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(true);
    setRowsWritten(0);
    const abort = new AbortController();
    controller.current = abort;
    try {
      const file = await make(format, { report: setRowsWritten, signal: abort.signal });
      const saved = await saveExportedFile(file);
      if (saved) notifications.show({ color: 'teal', message: t('export.saved', { fileName: file.fileName, rows: file.rows }) });
    } catch (error) {
      if (abort.signal.aborted) notifications.show({ color: 'gray', message: t('export.cancelled') });
      else notifications.show({ color: 'red', title: t('export.failed'), message: errorMessage(t, error), autoClose: false });
    } finally {
      controller.current = null;
      setBusy(false);
    }
  };

  const menu = (
    <Menu position="bottom-end" withinPortal disabled={disabled || busy}>
      <Menu.Target>
        <Button
          variant="default"
          size={size}
          leftSection={<IconDownload size={size === 'xs' ? 14 : 18} />}
          rightSection={<IconChevronDown size={size === 'xs' ? 12 : 16} />}
          loading={busy}
          loaderProps={{ type: 'dots' }}
          disabled={disabled}
          aria-label={busy ? t('export.making') : (label ?? t('export.button'))}
          data-testid={testId}
        >
          {label ?? t('export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.menuLabel')}</Menu.Label>
        {formats.map((format) => (
          <Menu.Item key={format} leftSection={icons[format]} onClick={() => void run(format)} data-testid={testId === 'export-menu' ? `export-${format}` : `${testId}-${format}`}>
            {t(`export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
  if (!cancellable || !busy) return menu;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" aria-live="polite" data-testid={`${testId}-progress`}>
        {t('export.progress', { rows: formatNumber(rowsWritten, toLocale(i18n.resolvedLanguage ?? i18n.language)) })}
      </Text>
      {menu}
      <Button variant="subtle" color="red" size={size} onClick={() => controller.current?.abort()} data-testid={`${testId}-cancel`}>
        {t('export.cancel')}
      </Button>
    </Group>
  );
}
