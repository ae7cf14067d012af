import { EmptyState as MantineEmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  /** A button or link that gets the user past the empty state. */
  action?: ReactNode;
  minHeight?: number | string;
}

/** Nothing to show: says why, and what to do next when there is something to do. */
export function EmptyState({ title, description, icon, action, minHeight = 200 }: EmptyStateProps) {
  return (
    <MantineEmptyState
      mih={minHeight}
      py="xl"
      style={{ display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      withIndicatorBackground
      icon={icon ?? <IconInbox size={28} />}
      title={title}
      description={description}
    >
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
