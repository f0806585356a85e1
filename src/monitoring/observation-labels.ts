/** The published indicators and their labels: pure, so the web app can take them without the schemas. */
export const OBSERVATION_INDICATORS = ['tfi1', 'tfi2', 'tfi3', 'swd', 'swod', 'volume'] as const;
export type ObservationIndicator = (typeof OBSERVATION_INDICATORS)[number];

export const INDICATOR_LABELS: Record<ObservationIndicator, string> = {
  tfi1: 'TFI1 border-crossing time (h)',
  tfi2: 'TFI2 border-crossing cost (USD)',
  tfi3: 'TFI3 cost per 500 km per 20 t (USD)',
  swd: 'TFI4 speed with delay (km/h)',
  swod: 'speed without delay (km/h)',
  volume: 'volume (t)',
};
