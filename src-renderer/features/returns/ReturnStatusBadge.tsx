import { Badge } from '@mantine/core';
import type { CustomerReturnStatus } from '../../../src-main/contract';
import type { ReturnsText } from './useReturnsText';

const colors: Record<CustomerReturnStatus, string> = {
  pending_approval: 'orange',
  approved: 'blue',
  received: 'cyan',
  inspected: 'violet',
  settled: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

export function ReturnStatusBadge({ status, text, size = 'md' }: { status: CustomerReturnStatus; text: ReturnsText; size?: 'md' | 'lg' }) {
  return (
    <Badge color={colors[status]} variant="light" size={size} data-testid="return-status" style={{ minWidth: 'max-content' }}>
      {text.t(`status.${status}`)}
    </Badge>
  );
}
