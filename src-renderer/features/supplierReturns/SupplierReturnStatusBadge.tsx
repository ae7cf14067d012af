import { Badge } from '@mantine/core';
import type { SupplierReturnStatus } from '../../../src-main/contract';
import type { SupplierReturnText } from './useSupplierReturnText';

const colors: Record<SupplierReturnStatus, string> = { draft: 'gray', sent: 'blue', accepted: 'indigo', credited: 'teal', rejected: 'red', cancelled: 'dark' };

export function SupplierReturnStatusBadge({ status, text, size = 'md' }: { status: SupplierReturnStatus; text: SupplierReturnText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="return-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}
