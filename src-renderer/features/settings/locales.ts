import type { FeatureResources } from '../../lib/featureModule';

export const resources: FeatureResources = {
  'zh-CN': {
    title: '设置',
    subtitle: '本分店的偏好设置和程序信息。',
    language: {
      title: '界面语言',
      description: '保存在本分店的账本里，下次启动仍然有效。',
    },
    nearExpiry: {
      title: '临期提醒',
      label: '临期天数',
      description: '距离有效期不超过这么多天的批次标为临期（1–365 天）。',
      suffix: '天',
      saved: '临期天数已保存：{{days}} 天',
    },
    receiptShelfLife: {
      title: '收货保质期标准',
      label: '最少剩余保质期',
      description: '按采购单收货时，剩余保质期低于保质期的这个千分比的批次标为临期，须确认才能收货（333‰ = 三分之一；0 = 不检查）。',
      suffix: '‰',
      saved: '收货保质期标准已保存：{{days}}‰',
    },
    about: {
      title: '程序信息',
      version: '程序版本',
      schemaVersion: '账本结构版本',
      dataPath: '账本文件',
      host: '运行方式',
      branch: '分店',
      timeZone: '时区',
      businessDate: '营业日',
      user: '当前用户',
      copyPath: '复制路径',
    },
    loadFailed: '设置加载失败',
  },
  en: {
    title: 'Settings',
    subtitle: 'Preferences of this branch and information about the app.',
    language: {
      title: 'Language',
      description: 'Stored in this branch’s ledger, so it is kept at the next start.',
    },
    nearExpiry: {
      title: 'Near-expiry warning',
      label: 'Near-expiry days',
      description: 'Lots this many days or fewer from their expiry date are marked as near expiry (1–365 days).',
      suffix: 'days',
      saved: 'Near-expiry days saved: {{days}}',
    },
    receiptShelfLife: {
      title: 'Shelf life at receipt',
      label: 'Minimum shelf life left',
      description: 'Receiving against a purchase order, a lot with less than this share of its shelf life left (in ‰) is flagged as short-dated and must be confirmed (333‰ = one third; 0 = no check).',
      suffix: '‰',
      saved: 'Shelf life at receipt saved: {{days}}‰',
    },
    about: {
      title: 'About',
      version: 'App version',
      schemaVersion: 'Ledger schema version',
      dataPath: 'Ledger file',
      host: 'Running as',
      branch: 'Branch',
      timeZone: 'Time zone',
      businessDate: 'Business date',
      user: 'Signed in as',
      copyPath: 'Copy path',
    },
    loadFailed: 'The settings could not be loaded',
  },
};
