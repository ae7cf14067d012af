import { Select } from '@mantine/core';
import { getApi } from '../api/getApi';
import { errorMessage, type Translate } from './errors';
import { useApiQuery } from './useApiQuery';

/** The warehouse a report is about: the one chosen, else the branch's main warehouse ('' until known). */
export function useWarehouseChoice(chosen: string) {
  const warehouses = useApiQuery(() => getApi()['master.warehouses']({}), []);
  const active = (warehouses.data ?? []).filter((w) => w.active);
  return { warehouses, active, warehouseId: chosen || (active.find((w) => w.kind === 'main')?.id ?? '') };
}

export function WarehouseSelect({ choice, label, t, onChange }: { choice: ReturnType<typeof useWarehouseChoice>; label: string; t: Translate; onChange: (id: string) => void }) {
  return (
    <Select
      label={label}
      w={170}
      data={choice.active.map((w) => ({ value: w.id, label: w.name }))}
      value={choice.warehouseId || null}
      allowDeselect={false}
      onChange={(v) => onChange(v ?? '')}
      error={choice.warehouses.error ? errorMessage(t, choice.warehouses.error) : undefined}
    />
  );
}

/** A list page that fills the window below the header, its table scrolling inside. */
export const fillViewport = { height: 'calc(100dvh - var(--app-shell-header-height, 60px) - 2 * var(--mantine-spacing-md))', minHeight: 560 } as const;
