/** Line colours, distinguishable for common colour-vision deficiencies (Okabe–Ito, then extras). */
export const chartPalette = [
  '#4f46e5',
  '#e69f00',
  '#009e73',
  '#d55e00',
  '#56b4e9',
  '#cc79a7',
  '#0072b2',
  '#7c7c7c',
  '#b59b00',
];
