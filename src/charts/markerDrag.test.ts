import { scaleLinear, scaleLog } from 'd3';
import { describe, expect, it } from 'vitest';
import { clampToDomain, formatMarkerValue, frameThrottle, markerValueAt, stepMarker } from './markerDrag';

describe('clampToDomain', () => {
  it('clamps in either orientation and maps NaN to the low end', () => {
    expect(clampToDomain(5, [0, 1])).toBe(1);
    expect(clampToDomain(-5, [1, 0])).toBe(0);
    expect(clampToDomain(0.3, [0, 1])).toBe(0.3);
    expect(clampToDomain(NaN, [2, 4])).toBe(2);
  });
});

describe('markerValueAt', () => {
  const x = scaleLinear().domain([10, 20]).range([0, 100]);
  it('inverts pixels and clamps to the domain', () => {
    expect(markerValueAt(x, 50)).toBeCloseTo(15);
    expect(markerValueAt(x, -40)).toBe(10);
    expect(markerValueAt(x, 1000)).toBe(20);
  });
});

describe('stepMarker', () => {
  it('moves by a fraction of a linear domain, clamped', () => {
    const x = scaleLinear().domain([0, 200]).range([0, 500]);
    expect(stepMarker(x, 100, 0.01)).toBeCloseTo(102);
    expect(stepMarker(x, 100, -0.01)).toBeCloseTo(98);
    expect(stepMarker(x, 199.5, 0.01)).toBe(200);
    expect(stepMarker(x, 500, -0.01)).toBeCloseTo(198);
  });
  it('moves by a constant factor on a log axis and recovers from off-axis values', () => {
    const x = scaleLog().domain([1, 1e4]).range([0, 400]);
    expect(stepMarker(x, 100, 0.25)).toBeCloseTo(1000);
    expect(stepMarker(x, -5, 0.25)).toBeCloseTo(10);
  });
});

describe('frameThrottle', () => {
  function fakeFrames() {
    const queue = new Map<number, () => void>();
    let next = 1;
    return {
      request: (cb: () => void) => {
        queue.set(next, cb);
        return next++;
      },
      cancel: (id: number) => void queue.delete(id),
      tick: () => {
        const cbs = [...queue.values()];
        queue.clear();
        cbs.forEach((cb) => cb());
      },
      size: () => queue.size,
    };
  }

  it('delivers only the latest value once per frame', () => {
    const f = fakeFrames();
    const got: number[] = [];
    const t = frameThrottle<number>((v) => got.push(v), f.request, f.cancel);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(f.size()).toBe(1);
    expect(got).toEqual([]);
    f.tick();
    expect(got).toEqual([3]);
    f.tick();
    expect(got).toEqual([3]);
    t.push(4);
    f.tick();
    expect(got).toEqual([3, 4]);
  });

  it('flush delivers now; cancel drops', () => {
    const f = fakeFrames();
    const got: number[] = [];
    const t = frameThrottle<number>((v) => got.push(v), f.request, f.cancel);
    t.push(1);
    t.flush();
    expect(got).toEqual([1]);
    expect(f.size()).toBe(0);
    t.flush();
    expect(got).toEqual([1]);
    t.push(2);
    t.cancel();
    f.tick();
    expect(got).toEqual([1]);
  });
});

describe('formatMarkerValue', () => {
  it('resolves ~1/1000 of a linear span, with separators like the ticks', () => {
    expect(formatMarkerValue(12026.06, [1, 20000], 'linear')).toBe('12,026');
    expect(formatMarkerValue(0.43712, [0, 1], 'linear')).toBe('0.437');
    expect(formatMarkerValue(-0.0001, [-1, 1], 'linear')).toBe('0.000');
    expect(formatMarkerValue(-2.5, [-10, 10], 'linear')).toBe('−2.50');
  });
  it('falls back to 4 significant digits on log axes and extreme magnitudes', () => {
    expect(formatMarkerValue(12026.06, [1, 20000], 'log')).toBe('1.203×10⁴');
    expect(formatMarkerValue(3.14159e-5, [0, 1e-4], 'linear')).toBe('0.00003142');
    expect(formatMarkerValue(NaN, [0, 1], 'linear')).toBe('—');
  });
});
