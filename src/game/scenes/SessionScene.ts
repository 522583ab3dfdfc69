/**
 * The session: the client in the room, posed for each cue with a short, calm
 * crossfade, and a gentle breathing motion that stops when the client
 * dissociates or when motion is reduced.
 */
import Phaser from 'phaser';
import { PORTRAIT_IN_ROOM, SEARCH_POINTS, posePortrait, svgDataUrl } from '../portrait.js';
import type { Cue } from '../portrait.js';
import type { Settings } from '../settings.js';

const PORTRAIT = PORTRAIT_IN_ROOM;
const FADE_MS = 450;
/** A searching gaze rests on each point this long. */
const SEARCH_MS = 1200;

export class SessionScene extends Phaser.Scene {
  private current: Phaser.GameObjects.Image | null = null;
  private breathing: Phaser.Tweens.Tween | null = null;
  private fidget: Phaser.Tweens.Tween | null = null;
  private searching: Phaser.Time.TimerEvent | null = null;
  /** Texture keys of the current cue: one, or one per point of a searching gaze. */
  private poses: string[] = [];
  private cue: Cue | undefined;
  private textureCount = 0;
  private wanted = '';
  private affect = 'neutral';

  constructor(private settings: Settings) {
    super('session');
  }

  create(): void {
    this.add.image(0, 0, 'room').setOrigin(0, 0).setDisplaySize(this.scale.width, this.scale.height);
    this.current = null;
  }

  applySettings(settings: Settings): void {
    this.settings = settings;
    this.updateBreathing();
  }

  showClient(portraitId: string, cue: Cue | undefined): void {
    const source = this.cache.text.get(`portrait-${portraitId}`) as string | undefined;
    if (!source) return;
    const points = cue?.gaze === 'searching' ? SEARCH_POINTS : 1;
    const keys = Array.from({ length: points }, () => `pose-${++this.textureCount}`);
    this.wanted = keys[0]!;
    this.cue = cue;
    this.affect = cue?.affect ?? 'neutral';
    let loaded = 0;
    keys.forEach((key, point) => {
      this.textures.once(Phaser.Textures.Events.ADD_KEY + key, () => {
        if (++loaded === keys.length) this.swapTo(keys);
      });
      this.textures.addBase64(key, svgDataUrl(posePortrait(source, cue, { point })));
    });
  }

  private swapTo(keys: string[]): void {
    const key = keys[0]!;
    if (key !== this.wanted || !this.scene.isActive()) {
      for (const unused of keys) this.textures.remove(unused);
      return;
    }
    const previousPoses = this.poses;
    this.poses = keys;
    const next = this.add.image(PORTRAIT.x, PORTRAIT.y, key).setOrigin(0.5, 1);
    next.setScale(PORTRAIT.height / next.height);
    const previous = this.current;
    this.current = next;
    const instant = this.settings.reducedMotion;
    next.setAlpha(instant ? 1 : 0);
    if (!instant) this.tweens.add({ targets: next, alpha: 1, duration: FADE_MS, ease: 'Sine.easeInOut' });
    if (previous) {
      const remove = () => {
        previous.destroy();
        for (const old of previousPoses) this.textures.remove(old);
      };
      if (instant) remove();
      else this.tweens.add({ targets: previous, alpha: 0, duration: FADE_MS, ease: 'Sine.easeInOut', onComplete: remove });
    }
    this.updateBreathing();
  }

  /** Idle motion: breathing, a searching gaze, a restless shift. Still when dissociated or when motion is reduced. */
  private updateBreathing(): void {
    this.breathing?.stop();
    this.fidget?.stop();
    this.searching?.remove();
    this.breathing = this.fidget = this.searching = null;
    const portrait = this.current;
    if (!portrait) return;
    const base = PORTRAIT.height / portrait.height;
    portrait.setScale(base).setX(PORTRAIT.x);
    if (this.settings.reducedMotion || this.affect === 'dissociated') return;
    this.breathing = this.tweens.add({ targets: portrait, scaleY: base * 1.008, duration: 2200, yoyo: true, repeat: -1, ease: 'Sine.easeInOut' });
    if (this.cue?.posture === 'restless') {
      this.fidget = this.tweens.add({ targets: portrait, x: PORTRAIT.x + 3, duration: 700, yoyo: true, repeat: -1, repeatDelay: 900, ease: 'Sine.easeInOut' });
    }
    if (this.poses.length > 1) {
      let point = 0;
      this.searching = this.time.addEvent({ delay: SEARCH_MS, loop: true, callback: () => portrait.setTexture(this.poses[++point % this.poses.length]!) });
    }
  }
}
