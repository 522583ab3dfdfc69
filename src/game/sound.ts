/**
 * Sound with Howler: a room-tone loop, a choice sound, a rupture cue (practice
 * mode) and an end-of-session chime. Nothing plays before the first gesture;
 * volume and mute follow the settings; every sound has a caption.
 */
import { Howl, Howler } from 'howler';
import roomWebm from '../../assets/audio/room-tone.webm?url';
import roomMp3 from '../../assets/audio/room-tone.mp3?url';
import choiceWebm from '../../assets/audio/choice.webm?url';
import choiceMp3 from '../../assets/audio/choice.mp3?url';
import ruptureWebm from '../../assets/audio/rupture-cue.webm?url';
import ruptureMp3 from '../../assets/audio/rupture-cue.mp3?url';
import endWebm from '../../assets/audio/session-end.webm?url';
import endMp3 from '../../assets/audio/session-end.mp3?url';
import type { Settings } from './settings.js';

export type SoundName = 'room' | 'choice' | 'rupture' | 'end';

const SOURCES: Record<SoundName, string[]> = {
  room: [roomWebm, roomMp3],
  choice: [choiceWebm, choiceMp3],
  rupture: [ruptureWebm, ruptureMp3],
  end: [endWebm, endMp3],
};

export const CAPTIONS: Record<SoundName, string> = {
  room: '[quiet room tone]',
  choice: '[soft tone]',
  rupture: '[low tone: something shifted between you]',
  end: '[two-note chime: the session has ended]',
};

export class Sound {
  private readonly howls = new Map<SoundName, Howl>();
  private unlocked = false;

  constructor(private readonly settings: Settings, private readonly captions: HTMLElement) {
    Howler.autoUnlock = true;
    this.applySettings();
  }

  /** Called on the first gesture (a click or a key press); starts the room tone. */
  unlock(): void {
    if (this.unlocked) return;
    this.unlocked = true;
    const room = this.howl('room');
    room.loop(true);
    room.volume(0.5);
    if (!room.playing()) room.play();
    this.caption('room');
  }

  play(name: SoundName): void {
    if (!this.unlocked) return;
    this.howl(name).play();
    this.caption(name);
  }

  applySettings(): void {
    Howler.volume(this.settings.volume);
    Howler.mute(this.settings.muted);
  }

  private howl(name: SoundName): Howl {
    let howl = this.howls.get(name);
    if (!howl) this.howls.set(name, (howl = new Howl({ src: SOURCES[name], preload: true, html5: false })));
    return howl;
  }

  private caption(name: SoundName): void {
    if (!this.settings.captions || this.settings.muted) return;
    this.captions.textContent = CAPTIONS[name];
    window.setTimeout(() => {
      if (this.captions.textContent === CAPTIONS[name]) this.captions.textContent = '';
    }, 4000);
  }
}
