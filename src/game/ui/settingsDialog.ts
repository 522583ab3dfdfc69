/** Settings: text size, instant text, reduced motion, high contrast, volume and mute, captions, shortcuts. */
import type { App } from '../app.js';
import { applySettings } from '../settings.js';
import { h, show } from '../../browser/dom.js';

export function openSettings(app: App, dialog: HTMLDialogElement, opener: HTMLElement): void {
  const s = app.settings;
  const changed = () => {
    app.saveSettings();
    applySettings(s);
    app.sound.applySettings();
    app.stage.applySettings();
  };
  const checkbox = (key: 'instantText' | 'reducedMotion' | 'highContrast' | 'muted' | 'captions' | 'shortcuts', label: string) => {
    const input = h('input', { type: 'checkbox', id: `setting-${key}`, checked: s[key] });
    input.addEventListener('change', () => { s[key] = input.checked; changed(); });
    return h('div', { class: 'setting' }, input, h('label', { for: `setting-${key}` }, label));
  };
  const size = h('select', { id: 'setting-text-size' },
    h('option', { value: 'normal', selected: s.textSize === 'normal' }, 'Normal'),
    h('option', { value: 'large', selected: s.textSize === 'large' }, 'Large'),
    h('option', { value: 'larger', selected: s.textSize === 'larger' }, 'Larger'));
  size.addEventListener('change', () => { s.textSize = size.value as typeof s.textSize; changed(); });
  const volume = h('input', { type: 'range', id: 'setting-volume', min: 0, max: 100, step: 5, value: Math.round(s.volume * 100) });
  volume.addEventListener('input', () => { s.volume = Number(volume.value) / 100; changed(); });
  const close = h('button', { class: 'primary', onclick: () => dialog.close() }, 'Done');

  show(dialog,
    h('h2', { id: 'settings-heading' }, 'Settings'),
    h('div', { class: 'setting' }, h('label', { for: 'setting-text-size' }, 'Text size'), size),
    checkbox('instantText', 'Show text at once (no fade-in)'),
    checkbox('reducedMotion', 'Reduce motion'),
    checkbox('highContrast', 'High contrast'),
    h('div', { class: 'setting' }, h('label', { for: 'setting-volume' }, 'Volume'), volume),
    checkbox('muted', 'Mute all sound'),
    checkbox('captions', 'Captions for sounds'),
    checkbox('shortcuts', 'Number keys choose a reply'),
    close);
  dialog.setAttribute('aria-labelledby', 'settings-heading');
  dialog.addEventListener('close', () => opener.focus(), { once: true });
  dialog.showModal();
  size.focus();
}
