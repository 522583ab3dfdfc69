/** Loads the room and the portraits, with a visible progress bar (the DOM shows the same progress in words). */
import Phaser from 'phaser';

export class PreloadScene extends Phaser.Scene {
  constructor(
    private readonly portraits: Record<string, string>,
    private readonly roomUrl: string,
    private readonly onProgress: (fraction: number) => void,
    private readonly onDone: () => void,
  ) {
    super('preload');
  }

  preload(): void {
    const { width, height } = this.scale;
    const frame = this.add.rectangle(width / 2, height / 2, 480, 18).setStrokeStyle(2, 0x6b5a4a);
    const bar = this.add.rectangle(frame.x - 238, height / 2, 1, 12, 0x6b8f71).setOrigin(0, 0.5);
    this.load.on('progress', (value: number) => {
      bar.width = 476 * value;
      this.onProgress(value);
    });
    this.load.svg('room', this.roomUrl, { width: 1280, height: 720 });
    // Portraits are loaded as text: the session scene poses them for each cue.
    for (const [id, url] of Object.entries(this.portraits)) this.load.text(`portrait-${id}`, url);
  }

  create(): void {
    this.onProgress(1);
    this.onDone();
  }
}
