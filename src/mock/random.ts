/**
 * Seeded randomness: the mock never calls Math.random, so a seed replays the same ids and faults.
 */
import { randomInt } from "node:crypto";

/** A function returning uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny 32-bit PRNG, good enough to pick faults and ids, never for secrets. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed for callers that did not choose one (from the OS, not Math.random). */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32);
}

/** An RFC 9562 version-4 UUID drawn from `random`, so seeded servers hand out reproducible ids. */
export function uuidFrom(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10xx
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
