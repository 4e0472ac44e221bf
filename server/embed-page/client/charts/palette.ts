/** Series colours, in the spirit of the DataLens default palette. */
export const PALETTE = [
  '#4DA2F1',
  '#FF3D64',
  '#8AD554',
  '#FFC636',
  '#FFB9DD',
  '#84D1EE',
  '#FF91A1',
  '#54A520',
  '#DB9100',
  '#BA74B3',
  '#1F68A9',
  '#ED65A9',
];

export const color = (i: number): string => PALETTE[i % PALETTE.length];
