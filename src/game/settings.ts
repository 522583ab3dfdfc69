/** Player settings, kept in localStorage so they persist across visits. */
export interface Settings {
  textSize: 'normal' | 'large' | 'larger';
  instantText: boolean;
  reducedMotion: boolean;
  highContrast: boolean;
  volume: number;
  muted: boolean;
  captions: boolean;
  shortcuts: boolean;
  /** The country whose crisis lines the Support page shows, once the player picks one (ISO code); '' until then. */
  supportCountry: string;
}

const KEY = 'securebase.settings';

function defaults(): Settings {
  const prefersReduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  const prefersContrast = typeof matchMedia === 'function' && matchMedia('(prefers-contrast: more)').matches;
  return { textSize: 'normal', instantText: false, reducedMotion: prefersReduced, highContrast: prefersContrast, volume: 0.6, muted: false, captions: false, shortcuts: true, supportCountry: '' };
}

export function loadSettings(): Settings {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Settings>;
    return { ...defaults(), ...saved };
  } catch {
    return defaults();
  }
}

export function saveSettings(settings: Settings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}

/** Applies the visual settings to the page. */
export function applySettings(settings: Settings): void {
  const root = document.documentElement;
  root.dataset.textSize = settings.textSize;
  root.dataset.contrast = settings.highContrast ? 'high' : 'normal';
  root.dataset.motion = settings.reducedMotion ? 'reduced' : 'full';
  root.dataset.text = settings.instantText ? 'instant' : 'fade';
}
