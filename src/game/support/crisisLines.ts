/**
 * Crisis lines for the Support page, by country (crisisLines.json, as
 * published by each service on the date it was checked; docs/support.md says
 * how to add a country), and which country a browser's languages point to.
 * Loaded only when the Support page opens, so the first screen waits for none of it.
 */
import data from './crisisLines.json';

export type ContactWay = 'call' | 'text';

export interface CrisisLine {
  readonly name: string;
  /** As the service writes it, e.g. "116 123"; dialled without the spaces. */
  readonly number: string;
  /** Other numbers that reach the same service (Ireland's 999 beside 112). */
  readonly alternatives?: readonly string[];
  readonly how: readonly ContactWay[];
  readonly hours: string;
  readonly cost?: string;
  readonly note?: string;
  readonly website?: string;
  /** The day the entry was last checked against the service's own publication (YYYY-MM-DD). */
  readonly checked: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly name: string;
  /** Region subtags of a language tag (en-GB, fr-CA) that mean this country. */
  readonly regions: readonly string[];
  readonly lines: readonly CrisisLine[];
}

export interface Directory {
  readonly name: string;
  readonly url: string;
  readonly description: string;
}

export const DIRECTORY: Directory = data.directory;
export const COUNTRIES: readonly Country[] = (data.countries as Country[]).slice().sort((a, b) => a.name.localeCompare(b.name, 'en'));

export function countryByCode(code: string | null | undefined): Country | undefined {
  return code ? COUNTRIES.find((country) => country.code === code) : undefined;
}

/** The region subtag of a BCP 47 language tag ("en-GB" → "GB", "es-419" → "419"), or undefined. */
export function regionOf(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).region?.toUpperCase();
  } catch {
    return undefined;
  }
}

/**
 * The country the browser's languages point to: the first tag that names a
 * region decides, and a region with no entry here (de-CH, en-150) is unknown,
 * rather than falling through to a later language's country. A tag without a
 * region ("en") says nothing about where the player is.
 */
export function countryForLanguages(languages: readonly string[]): Country | undefined {
  for (const tag of languages) {
    const region = regionOf(tag);
    if (region) return COUNTRIES.find((country) => country.regions.includes(region));
  }
  return undefined;
}

/** A number as a phone dials it: "13 11 14" → "131114". */
export const dialable = (number: string): string => number.replace(/[^\d+]/g, '');
