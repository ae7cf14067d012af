import { Badge } from '@mantine/core';
import type { TransferStatus } from '../../../src-main/contract';
import type { TransfersText } from './useTransfersText';

const colors: Record<TransferStatus, string> = { draft: 'gray', sent: 'orange', received: 'blue', closed: 'teal', cancelled: 'dark' };

export function TransferStatusBadge({ status, text, size = 'md' }: { status: TransferStatus; text: TransfersText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="transfer-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}
