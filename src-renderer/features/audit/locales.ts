import type { FeatureResources } from '../../lib/featureModule';

export const resources: FeatureResources = {
  'zh-CN': {
    title: '审计日志',
    subtitle: '谁在什么时间做了什么，修改前后的内容。日志只能追加，任何人都不能修改或删除。',
    filters: { user: '用户', entity: '对象', action: '操作', from: '从', to: '到', text: '搜索内容', all: '全部' },
    total: '共 {{count}} 条',
    empty: '没有符合条件的记录',
    columns: { at: '时间', user: '用户', action: '操作', entity: '对象', change: '修改前 → 修改后' },
  },
  en: {
    title: 'Audit trail',
    subtitle: 'Who did what and when, with the state before and after. The trail is append-only: nobody can edit or delete it.',
    filters: { user: 'User', entity: 'Entity', action: 'Action', from: 'From', to: 'To', text: 'Search text', all: 'All' },
    total: '{{count}} entries',
    empty: 'No entries match',
    columns: { at: 'Time', user: 'User', action: 'Action', entity: 'Entity', change: 'Before → after' },
  },
};
