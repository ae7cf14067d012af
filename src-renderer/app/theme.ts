import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * A warehouse PC is often an old monitor under bright light, read from a step away: larger
 * type than Mantine's defaults, darker primary shades, strong text contrast and visible focus.
 */
const ledgerTeal: MantineColorsTuple = [
  '#e6fcf5',
  '#c3fae8',
  '#96f2d7',
  '#63e6be',
  '#38d9a9',
  '#20c997',
  '#12b886',
  '#0c8a66',
  '#087058',
  '#065746',
];

const cjkFontStack =
  "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', sans-serif";

export const theme = createTheme({
  primaryColor: 'ledgerTeal',
  primaryShade: { light: 7, dark: 6 },
  colors: { ledgerTeal },
  black: '#111418',
  fontFamily: cjkFontStack,
  fontFamilyMonospace: "'Cascadia Mono', 'Consolas', 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', monospace",
  headings: {
    fontFamily: cjkFontStack,
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.5rem', lineHeight: '1.3' },
      h3: { fontSize: '1.25rem', lineHeight: '1.35' },
      h4: { fontSize: '1.125rem', lineHeight: '1.4' },
    },
  },
  fontSizes: {
    xs: '0.8125rem',
    sm: '0.9375rem',
    md: '1rem',
    lg: '1.125rem',
    xl: '1.3125rem',
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  autoContrast: true,
  luminanceThreshold: 0.4,
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    NumberInput: { defaultProps: { size: 'md' } },
    Select: { defaultProps: { size: 'md', comboboxProps: { shadow: 'md' } } },
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md', tabularNums: true } },
    // Upper-case badges shout in English and do nothing for Chinese.
    Badge: { defaultProps: { radius: 'sm' }, styles: { root: { textTransform: 'none', fontWeight: 600 } } },
    Tooltip: { defaultProps: { openDelay: 300 } },
  },
});

/** Mantine's dimmed grey is about 3:1 on white; secondary text must stay readable at a distance. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-text': '#111418',
  },
  dark: {},
});
