import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconFileSpreadsheet, IconFileText, IconFileTypePdf, IconDownload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportedFile } from '../../src-main/contract';
import { saveExportedFile } from '../api/saveExportedFile';
import { errorMessage, type Translate } from './errors';

export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface ExportMenuProps {
  /** Makes the file on the Node side (an export method such as stock.exportOnHand). */
  make: (format: ExportFormat) => Promise<ExportedFile>;
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
export function ExportMenu({ make, formats = ['xlsx', 'csv', 'pdf'], disabled = false, label, testId = 'export-menu', size = 'sm' }: ExportMenuProps) {
  const { t: rawT } = useTranslation('common');
  const t: Translate = (key, options) => String(rawT(key, options as never));
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const file = await make(format);
      const saved = await saveExportedFile(file);
      if (saved) notifications.show({ color: 'teal', message: t('export.saved', { fileName: file.fileName, rows: file.rows }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('export.failed'), message: errorMessage(t, error), autoClose: false });
    } finally {
      setBusy(false);
    }
  };

  return (
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
}
