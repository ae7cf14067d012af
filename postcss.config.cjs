// Mantine's mixins and rem()/em() helpers for *.module.css files.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
