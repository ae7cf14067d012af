import { Badge } from '@mantine/core';
import type { PurchaseOrderStatus } from '../../../src-main/contract';
import type { PurchasingText } from './usePurchasingText';

const colors: Record<PurchaseOrderStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  partly_received: 'cyan',
  received: 'green',
  closed: 'dark',
  cancelled: 'red',
};

export function PurchaseStatusBadge({ status, text, size = 'md' }: { status: PurchaseOrderStatus; text: PurchasingText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="po-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}
