/** The empty therapy room, behind the library, the briefing and the debrief; dimmed a little behind reading. */
import Phaser from 'phaser';

export class RoomScene extends Phaser.Scene {
  constructor(key: string, private readonly dim: number) {
    super(key);
  }

  create(): void {
    this.add.image(0, 0, 'room').setOrigin(0, 0).setDisplaySize(this.scale.width, this.scale.height);
    if (this.dim > 0) this.add.rectangle(0, 0, this.scale.width, this.scale.height, 0xf7f1ea, this.dim).setOrigin(0, 0);
  }
}

export class LibraryScene extends RoomScene {
  constructor() {
    super('library', 0.35);
  }
}

export class BriefingScene extends RoomScene {
  constructor() {
    super('briefing', 0.2);
  }
}

export class DebriefScene extends RoomScene {
  constructor() {
    super('debrief', 0.45);
  }
}
