/**
 * The canvas behind the text: the therapy room, and the client reacting to
 * each cue. It is decoration for sighted players (aria-hidden); everything
 * meaningful is also in the DOM. Screens call it; it never calls them.
 */
import Phaser from 'phaser';
import type { Scenario } from '../engine/play.js';
import type { Cue } from './portrait.js';
import { PreloadScene } from './scenes/PreloadScene.js';
import { BriefingScene, DebriefScene, LibraryScene } from './scenes/RoomScenes.js';
import { SessionScene } from './scenes/SessionScene.js';
import type { Settings } from './settings.js';

export const STAGE_WIDTH = 1280;
export const STAGE_HEIGHT = 720;

type Backdrop = 'library' | 'briefing' | 'debrief';

export class Stage {
  private readonly game: Phaser.Game;
  private ready = false;
  private pending: (() => void) | null = null;

  constructor(parent: HTMLElement, private readonly settings: Settings, portraitUrls: Record<string, string>, roomUrl: string, onProgress: (fraction: number) => void) {
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent,
      width: STAGE_WIDTH,
      height: STAGE_HEIGHT,
      backgroundColor: '#efe6da',
      // Fill the stage whatever its shape; the room's edges may be cropped, the client never is.
      scale: { mode: Phaser.Scale.ENVELOP, autoCenter: Phaser.Scale.CENTER_BOTH },
      banner: false,
      // A calm room needs no more; it spares laptops' batteries and slow machines.
      fps: { target: 30, limit: 30 },
      audio: { noAudio: true }, // Howler plays the sounds
      scene: [new PreloadScene(portraitUrls, roomUrl, onProgress, () => this.whenLoaded()), new LibraryScene(), new BriefingScene(), new SessionScene(settings), new DebriefScene()],
    });
    this.game.canvas?.setAttribute('aria-hidden', 'true');
  }

  /** The empty room behind the library, the briefing or the debrief. */
  room(backdrop: Backdrop = 'library'): void {
    this.run(() => this.switchTo(backdrop));
  }

  /** The client, reacting to the cue of the beat on screen. */
  client(scenario: Scenario, cue: Cue | undefined): void {
    this.run(() => {
      this.switchTo('session');
      (this.game.scene.getScene('session') as SessionScene).showClient(scenario.client.portrait ?? scenario.id, cue);
    });
  }

  applySettings(): void {
    this.run(() => (this.game.scene.getScene('session') as SessionScene).applySettings(this.settings));
  }

  private switchTo(key: string): void {
    for (const scene of this.game.scene.getScenes(true)) if (scene.scene.key !== key) this.game.scene.stop(scene.scene.key);
    if (!this.game.scene.isActive(key)) this.game.scene.start(key);
  }

  private whenLoaded(): void {
    this.ready = true;
    this.game.canvas?.setAttribute('aria-hidden', 'true');
    this.pending?.();
    this.pending = null;
  }

  /** Before the assets load, only the latest request matters. */
  private run(action: () => void): void {
    if (this.ready) action();
    else this.pending = action;
  }
}
