/**
 * The Support page, a dialog over whatever screen is showing, so opening it
 * mid-session and closing it returns to the same beat with nothing lost. It
 * says plainly that this is training with fictional clients, lists crisis lines
 * for the player's country (chosen by the browser's languages, or picked and
 * remembered), and says how to pause or stop a session. Loaded on first use.
 */
import { h, show } from '../../browser/dom.js';
import type { Settings } from '../settings.js';
import { COUNTRIES, DIRECTORY, countryByCode, countryForLanguages, dialable } from '../support/crisisLines.js';
import type { Country, CrisisLine } from '../support/crisisLines.js';

/** What the page needs of the game: the settings that remember the chosen country. */
export interface SupportPrefs {
  readonly settings: Settings;
  save(): void;
}

/** The select's value for "none of these": the directory, and remembered as a choice. */
const OTHER = 'other';

const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const hostOf = (url: string) => new URL(url).hostname.replace(/^www\./, '') + new URL(url).pathname.replace(/\/$/, '');

/** A link that leaves the game opens in a new tab, so the session stays where it was; screen readers are told. */
function outLink(url: string, text: string): HTMLAnchorElement {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, text, h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}

/** "Call 116 123", "Call 988 or text 988", "Call 112 or 999": each number a link a phone can dial. */
function ways(line: CrisisLine): (HTMLElement | string)[] {
  const call = (number: string) => h('a', { href: `tel:${dialable(number)}` }, number);
  const parts: (HTMLElement | string)[] = [];
  if (line.how.includes('call')) {
    parts.push('Call ', call(line.number));
    for (const other of line.alternatives ?? []) parts.push(' or ', call(other));
  }
  if (line.how.includes('text')) {
    parts.push(parts.length ? ' or text ' : 'Text ', h('a', { href: `sms:${dialable(line.number)}` }, line.number));
  }
  return parts;
}

function lineItem(line: CrisisLine): HTMLElement {
  return h('li', { class: 'crisis-line' },
    h('h4', {}, line.name),
    h('p', { class: 'crisis-number' }, ways(line)),
    h('p', {}, [line.hours, line.cost].filter(Boolean).join('. ') + '.'),
    line.note ? h('p', {}, line.note) : null,
    line.website ? h('p', {}, outLink(line.website, hostOf(line.website))) : null);
}

function checkedNote(country: Country): HTMLElement {
  const dates = [...new Set(country.lines.map((line) => line.checked))].sort();
  const when = dates.length === 1 ? `on ${dateOf(dates[0]!)}` : `between ${dateOf(dates[0]!)} and ${dateOf(dates.at(-1)!)}`;
  return h('p', { class: 'help' }, `As published by each service, checked ${when}. If a number does not connect, the directory below lists others.`);
}

function directoryBlock(known: boolean): HTMLElement {
  return h('div', { class: 'directory' },
    h('p', {}, h('strong', {}, known ? 'Somewhere else? ' : 'Find a crisis line where you are: '),
      outLink(DIRECTORY.url, `${DIRECTORY.name} (${hostOf(DIRECTORY.url)})`), `. ${DIRECTORY.description}`),
    known ? null : h('p', {}, 'If your life or someone else\'s is at risk now, call your local emergency number.'));
}

export function openSupport(dialog: HTMLDialogElement, opener: HTMLElement | null, prefs: SupportPrefs, languages: readonly string[] = navigator.languages): void {
  const chosen = prefs.settings.supportCountry;
  const detected = countryForLanguages(languages);
  let country = chosen === OTHER ? undefined : countryByCode(chosen) ?? detected;

  const select = h('select', { id: 'support-country', 'aria-describedby': 'support-country-help' },
    ...COUNTRIES.map((c) => h('option', { value: c.code }, c.name)),
    h('option', { value: OTHER }, 'Another country: use the directory'));
  select.value = country?.code ?? OTHER;
  const help = h('p', { id: 'support-country-help', class: 'help' },
    chosen ? 'Your choice from last time, kept on this device.'
      : detected ? 'Chosen from your browser\'s language settings. You can pick another.'
        : 'Your browser\'s settings do not say which country you are in. Pick yours to see its crisis lines.');
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const lines = h('div', { class: 'crisis-country' });
  const region = h('div', { class: 'crisis-region' });
  const picker = h('div', { class: 'support-picker' }, h('label', { for: 'support-country' }, 'Your country'), select, help);

  const render = () => {
    const directory = directoryBlock(Boolean(country));
    show(lines, country
      ? [h('ul', { class: 'crisis-lines', 'aria-label': `Crisis lines in ${country.name}` }, country.lines.map(lineItem)), checkedNote(country)]
      : []);
    // The select is never taken out of the page, so it keeps focus while the rest moves around it:
    // with a known country its lines come first, and otherwise the directory does.
    region.querySelector('.directory')?.remove();
    if (country) region.append(directory);
    else region.prepend(directory);
  };
  region.append(picker, lines);
  render();
  select.addEventListener('change', () => {
    country = countryByCode(select.value);
    prefs.settings.supportCountry = select.value;
    prefs.save();
    help.textContent = 'Remembered on this device.';
    render();
    status.textContent = country ? `Showing crisis lines in ${country.name}.` : `Showing the directory, ${DIRECTORY.name}.`;
  });

  const heading = h('h2', { id: 'support-heading', tabindex: '-1' }, 'Support');
  show(dialog,
    h('div', { class: 'support-top' }, heading, h('button', { type: 'button', onclick: () => dialog.close() }, 'Close')),
    h('p', { class: 'lead' }, 'Closing this page takes you back to where you were, with nothing changed.'),
    h('section', { 'aria-labelledby': 'support-training-heading' },
      h('h3', { id: 'support-training-heading' }, 'This is training, not therapy'),
      h('p', {}, 'Secure Base is a place to practise, not therapy and not a crisis service. The clients are fictional. '
        + 'Still, the sessions touch on suicide, self-harm and loss, and difficult material can stir things up, here as in practice. '
        + 'If something stays with you, it is fine to stop and talk it over: with your supervisor, a colleague, your own therapist, or a service below.')),
    h('section', { 'aria-labelledby': 'support-lines-heading' },
      h('h3', { id: 'support-lines-heading' }, 'If you need to talk to someone now'),
      region, status),
    h('section', { 'aria-labelledby': 'support-pause-heading' },
      h('h3', { id: 'support-pause-heading' }, 'Pausing or stopping a session'),
      h('ul', { class: 'support-list' },
        h('li', {}, 'You can leave a session at any time, and you do not have to finish it.'),
        h('li', {}, 'Every reply is saved the moment you choose it, on this device and, when you are signed in, on the server: nothing is lost.'),
        h('li', {}, 'To leave, choose “← Pause: all sessions” at the top of the session, or simply close the tab.'),
        h('li', {}, 'To come back, choose “Continue with …” on the client’s card in the library: the session resumes where it was, with the same replies on offer.'),
        h('li', {}, 'In practice mode you can also step back one choice after you make it.'))),
    h('button', { type: 'button', class: 'primary', onclick: () => dialog.close() }, 'Back to where you were'));
  dialog.setAttribute('aria-labelledby', 'support-heading');
  dialog.addEventListener('close', () => opener?.focus(), { once: true });
  if (!dialog.open) dialog.showModal();
  heading.focus();
}
