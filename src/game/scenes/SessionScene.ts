/**
 * The session: the client in the room, posed for each cue with a short, calm
 * crossfade, and a gentle breathing motion that stops when the client
 * dissociates or when motion is reduced.
 */
import Phaser from 'phaser';
import { posePortrait, svgDataUrl } from '../portrait.js';
import type { Cue } from '../portrait.js';
import type { Settings } from '../settings.js';

const PORTRAIT = { x: 860, y: 720, height: 600 };
const FADE_MS = 450;

export class SessionScene extends Phaser.Scene {
  private current: Phaser.GameObjects.Image | null = null;
  private breathing: Phaser.Tweens.Tween | null = null;
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
    const key = `pose-${++this.textureCount}`;
    this.wanted = key;
    this.affect = cue?.affect ?? 'neutral';
    this.textures.once(Phaser.Textures.Events.ADD_KEY + key, () => this.swapTo(key));
    this.textures.addBase64(key, svgDataUrl(posePortrait(source, cue)));
  }

  private swapTo(key: string): void {
    if (key !== this.wanted || !this.scene.isActive()) return;
    const next = this.add.image(PORTRAIT.x, PORTRAIT.y, key).setOrigin(0.5, 1);
    next.setScale(PORTRAIT.height / next.height);
    const previous = this.current;
    this.current = next;
    const instant = this.settings.reducedMotion;
    next.setAlpha(instant ? 1 : 0);
    if (!instant) this.tweens.add({ targets: next, alpha: 1, duration: FADE_MS, ease: 'Sine.easeInOut' });
    if (previous) {
      const oldKey = previous.texture.key;
      const remove = () => {
        previous.destroy();
        this.textures.remove(oldKey);
      };
      if (instant) remove();
      else this.tweens.add({ targets: previous, alpha: 0, duration: FADE_MS, ease: 'Sine.easeInOut', onComplete: remove });
    }
    this.updateBreathing();
  }

  private updateBreathing(): void {
    this.breathing?.stop();
    this.breathing = null;
    const portrait = this.current;
    if (!portrait) return;
    const base = PORTRAIT.height / portrait.height;
    portrait.setScale(base);
    if (this.settings.reducedMotion || this.affect === 'dissociated') return;
    this.breathing = this.tweens.add({ targets: portrait, scaleY: base * 1.008, duration: 2200, yoyo: true, repeat: -1, ease: 'Sine.easeInOut' });
  }
}
