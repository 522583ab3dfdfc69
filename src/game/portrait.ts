/**
 * A client's portrait for one cue: the layered SVG with the groups for the
 * cue's affect and posture shown, the pupils moved for the gaze, and the torso
 * and head posed about their pivots. Every client shares the rig
 * (assets/portraits/rig.json, described in docs/art.md), so this one function
 * poses all of them, in the game and on the contact sheet.
 */
import type { Beat } from '../engine/play.js';
import { AFFECTS, POSTURES } from '../engine/vocabulary.js';
import rig from '../../assets/portraits/rig.json';

export type Cue = NonNullable<Beat['cue']>;

interface Pose {
  readonly dx?: number;
  readonly dy?: number;
  readonly rotate?: number;
  readonly scale?: number;
  readonly scaleX?: number;
  readonly scaleY?: number;
}

export const PORTRAIT_IN_ROOM = rig.inRoom;
/** How many points a searching gaze moves through. */
export const SEARCH_POINTS = rig.gaze.searching.length;

/** A transform that applies `pose` about the pivot point. */
function about([px, py]: readonly number[], pose: Pose): string {
  const { dx = 0, dy = 0, rotate = 0, scale = 1, scaleX = scale, scaleY = scale } = pose;
  return `translate(${px! + dx} ${py! + dy}) rotate(${rotate}) scale(${scaleX} ${scaleY}) translate(${-px!} ${-py!})`;
}

export interface PoseOptions {
  /** For a searching gaze, which of its points the eyes are at. */
  readonly point?: number;
  /** A viewBox to crop to, e.g. the face for a close-up. */
  readonly crop?: string;
}

/** The portrait SVG text posed for `cue`. */
export function posePortrait(source: string, cue: Cue | undefined, options: PoseOptions = {}): string {
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
  for (const each of AFFECTS) for (const part of ['brows', 'eyes', 'mouth']) setShown(`${part}-${each}`, each === affect);
  for (const each of POSTURES) setShown(`arms-${each}`, each === posture);
  setShown('tears', affect === 'tearful');

  const [gx, gy] = gaze === 'searching' ? rig.gaze.searching[(options.point ?? 0) % SEARCH_POINTS]! : rig.gaze[gaze];
  byId('pupils')?.setAttribute('transform', `translate(${gx} ${gy})`);
  byId('torso')?.setAttribute('transform', about(rig.torsoPivot, (rig.posture as Record<string, Pose>)[posture] ?? {}));
  const byAffect: Pose = (rig.headByAffect as Record<string, Pose>)[affect] ?? {};
  const byPosture: Pose = (rig.headByPosture as Record<string, Pose>)[posture] ?? {};
  byId('head')?.setAttribute('transform', about(rig.headPivot, {
    dx: (byAffect.dx ?? 0) + (byPosture.dx ?? 0),
    dy: (byAffect.dy ?? 0) + (byPosture.dy ?? 0),
    rotate: (byAffect.rotate ?? 0) + (byPosture.rotate ?? 0),
  }));
  if (options.crop) doc.documentElement.setAttribute('viewBox', options.crop);
  return new XMLSerializer().serializeToString(doc);
}

/** A base64 data URL, the form Phaser's texture manager accepts. */
export function svgDataUrl(svg: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(svg)) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
