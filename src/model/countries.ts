// Built on first use: loading ICU's region names costs about 25 ms, which commands that never name a country
// (`route` on a cached network) should not pay at start-up.
let regionNamesInstance: Intl.DisplayNames | undefined;
const regionNames = (): Intl.DisplayNames =>
  (regionNamesInstance ??= new Intl.DisplayNames(['en'], { type: 'region' }));

/** True for an upper-case ISO 3166-1 alpha-2 code that names a real country or territory. */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code)) return false;
  const name = regionNames().of(code);
  return name !== undefined && name !== code && name !== 'Unknown Region';
}

export function countryName(code: string): string {
  return isCountryCode(code) ? (regionNames().of(code) ?? code) : code;
}
