/**
 * A client's portrait for one cue: the layered SVG with the groups for the
 * cue's affect and posture shown, the pupils moved for the gaze, and the torso
 * and head posed. Every client shares the rig (docs/art.md), so this one
 * function poses all of them.
 */
import type { Beat } from '../engine/index.js';
import { AFFECTS, POSTURES } from '../engine/vocabulary.js';
import type { Affect, Gaze, Posture } from '../engine/vocabulary.js';

export type Cue = NonNullable<Beat['cue']>;

/** Pupil offsets for each gaze, in the portrait's own units. */
const GAZE_OFFSET: Record<Gaze, readonly [number, number]> = {
  direct: [0, 0],
  averted: [-9, 1],
  down: [0, 6],
  searching: [6, -2],
};

/** Torso pose per posture: rotation in degrees about the hips, and a shift. */
const POSTURE_POSE: Record<Posture, { rotate: number; dx: number; dy: number; scale: number }> = {
  open: { rotate: 0, dx: 0, dy: 0, scale: 1 },
  closed: { rotate: 0, dx: 0, dy: 0, scale: 1 },
  leaning_in: { rotate: 4, dx: 8, dy: 6, scale: 1.04 },
  turned_away: { rotate: -6, dx: -14, dy: 0, scale: 1 },
  restless: { rotate: 1, dx: 0, dy: 0, scale: 1 },
  slumped: { rotate: -2, dx: 0, dy: 18, scale: 1 },
};

/** Head tilt per affect, in degrees about the neck. */
const HEAD_TILT: Partial<Record<Affect, number>> = { ashamed: 8, hurt: 4, tearful: 5, guarded: -3, angry: -2, relieved: -2, dissociated: 2 };

/** The portrait SVG text posed for `cue`. */
export function posePortrait(source: string, cue: Cue | undefined): string {
  const affect = cue?.affect ?? 'neutral';
  const posture = cue?.posture ?? 'open';
  const gaze = cue?.gaze ?? 'direct';
  const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
  const byId = (id: string) => doc.getElementById(id);
  const setShown = (id: string, shown: boolean) => {
    const element = byId(id);
    if (!element) return;
    if (shown) element.removeAttribute('display');
    else element.setAttribute('display', 'none');
  };
  for (const each of AFFECTS) {
    for (const part of ['brows', 'eyes', 'mouth']) setShown(`${part}-${each}`, each === affect);
  }
  for (const each of POSTURES) setShown(`arms-${each}`, each === posture);
  setShown('tears', affect === 'tearful');
  const [gx, gy] = GAZE_OFFSET[gaze];
  byId('pupils')?.setAttribute('transform', `translate(${gx} ${gy})`);
  const pose = POSTURE_POSE[posture];
  byId('torso')?.setAttribute('transform', `translate(${pose.dx} ${pose.dy}) rotate(${pose.rotate} 300 800) scale(${pose.scale})`);
  byId('head')?.setAttribute('transform', `rotate(${HEAD_TILT[affect] ?? 0} 300 330)`);
  return new XMLSerializer().serializeToString(doc);
}

export const svgDataUrl = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
