import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultParams, olsParamsSchema, type OlsParams } from '../experiments/label-noise-sgd/params';
import { encodeHash, parseHash } from './urlState';

const known = { 'label-noise-sgd': { schema: olsParamsSchema, defaults: defaultParams } };
const parse = (h: string) => parseHash<OlsParams>(h, known, 'label-noise-sgd');

describe('URL hash round-trip', () => {
  it('encodes and decodes the whole state exactly', () => {
    const p: OlsParams = {
      ...defaultParams,
      sigma2: 1.37,
      eta: 0.0123,
      batch: 7,
      cov: 'custom',
      sxx: 12,
      syy: 30,
      sxy: -4.5,
      seed: 987654,
      grid: 'single',
      view: 'full',
    };
    const h = encodeHash('label-noise-sgd', p, 'wasm');
    const s = parse(h);
    expect(s.errors).toEqual([]);
    expect(s.params).toEqual(p);
    expect(s.backend).toBe('wasm');
    expect(s.experiment).toBe('label-noise-sgd');
  });
  it('an empty hash gives the defaults without complaint', () => {
    const s = parse('');
    expect(s.params).toEqual(defaultParams);
    expect(s.errors).toEqual([]);
  });
  it('rejects tampered values with a message and keeps the rest', () => {
    const s = parse('#/label-noise-sgd?sigma2=1e9&eta=abc&batch=7&seed=3&backend=quantum&bogus=1');
    expect(s.params.sigma2).toBe(defaultParams.sigma2);
    expect(s.params.eta).toBe(defaultParams.eta);
    expect(s.params.batch).toBe(7);
    expect(s.params.seed).toBe(3);
    expect(s.backend).toBe('auto');
    const text = s.errors.join('\n');
    expect(text).toMatch(/sigma2 = "1e9" rejected/);
    // The notice quotes what the link said, not its coercion to NaN.
    expect(text).toMatch(/eta = "abc" rejected/);
    expect(text).toMatch(/backend "quantum"/);
    expect(text).toMatch(/unknown parameter "bogus"/);
  });
  it('rejects a cross-field violation (B > N) by falling back on the offending key', () => {
    const s = parse('#/label-noise-sgd?n=10&batch=50');
    expect(olsParamsSchema.safeParse(s.params).success).toBe(true);
    expect(s.errors.join()).toMatch(/batch = "50" rejected: batch B = 50 exceeds N = 10/);
  });
  it('rejects a non-positive-definite custom Σ', () => {
    const s = parse('#/label-noise-sgd?cov=custom&sxx=1&syy=1&sxy=5');
    expect(s.errors.join()).toMatch(/positive definite/);
    expect(olsParamsSchema.safeParse(s.params).success).toBe(true);
  });
  it('names an unknown experiment and opens the landing', () => {
    const s = parse('#/nonsense?x=1');
    expect(s.experiment).toBe('label-noise-sgd');
    expect(s.landing).toBe(true);
    expect(s.errors).toEqual(['unknown experiment "nonsense"; here are the experiments']);
  });
  it('an empty hash, "#" and "#/" open the landing without complaint; an experiment id does not', () => {
    for (const h of ['', '#', '#/']) expect(parse(h)).toMatchObject({ landing: true, errors: [] });
    expect(parse('#/label-noise-sgd').landing).toBe(false);
  });
});

describe('view keys: present= and hide=', () => {
  const figures = [{ id: 'sgd-paths' }, { id: 'chains-spread' }];
  const controls = [{ key: 'sigma2' }, { key: 'eta' }];
  const tour = [{}, {}, {}];
  const withView = {
    'label-noise-sgd': { schema: olsParamsSchema, defaults: defaultParams, figures, controls, tour },
  };
  const parseV = (h: string) => parseHash<OlsParams>(h, withView, 'label-noise-sgd');

  it('round-trip with the params, and are not params', () => {
    const h = encodeHash('label-noise-sgd', { ...defaultParams, sigma2: 2 }, 'auto', {
      present: 'chains-spread',
      hide: ['controls', 'eta', 'sgd-paths'],
    });
    const s = parseV(h);
    expect(s.errors).toEqual([]);
    expect(s.present).toBe('chains-spread');
    expect(s.hide).toEqual(['controls', 'eta', 'sgd-paths']);
    expect(s.params).toEqual({ ...defaultParams, sigma2: 2 });
  });
  it('an unknown figure or hide name is named, with what is allowed, and dropped', () => {
    const s = parseV('#/label-noise-sgd?present=nope&hide=controls,bogus,controls');
    expect(s.present).toBeNull();
    expect(s.hide).toEqual(['controls']);
    expect(s.errors).toEqual([
      'present = "nope" is not a figure of label-noise-sgd (one of: sgd-paths, chains-spread)',
      'hide = "bogus" is not a control, figure or region of label-noise-sgd (regions: header, controls, status, notes, footer)',
    ]);
  });
  it('tour=N opens step N of the tour (1-based in the link); a step it lacks is named', () => {
    const h = encodeHash('label-noise-sgd', defaultParams, 'auto', { tour: 2 });
    expect(h).toContain('tour=3');
    expect(parseV(h)).toMatchObject({ tour: 2, errors: [] });
    expect(parseV('#/label-noise-sgd?tour=4')).toMatchObject({
      tour: null,
      errors: ['tour = "4" is not a step of label-noise-sgd\'s tour (1 to 3)'],
    });
    expect(parseV('#/label-noise-sgd?tour=0').tour).toBeNull();
  });
  it('params on the landing are named as ignored', () => {
    expect(parseV('#/?sigma2=3&eta=1').errors).toEqual([
      'the list of experiments takes no parameters; ignored: sigma2, eta',
    ]);
  });
  it('the landing has no view keys', () => {
    expect(parseV('#/?present=sgd-paths')).toMatchObject({ landing: true, present: null, hide: [] });
  });
});

describe('URL codec driven by the schema', () => {
  const schema = z.object({
    on: z.boolean(),
    widths: z.array(z.number().int().min(1)),
    rate: z.number(),
    mode: z.enum(['a', 'b']),
  });
  type P = z.infer<typeof schema>;
  const defaults: P = { on: false, widths: [64, 256], rate: 0.5, mode: 'a' };
  const parseP = (h: string) => parseHash<P>(h, { x: { schema, defaults } }, 'x');

  it('round-trips booleans and arrays, which coercion by typeof default could not', () => {
    const p: P = { on: true, widths: [8, 512, 4096], rate: 1e-7, mode: 'b' };
    const s = parseP(encodeHash('x', p, 'auto'));
    expect(s.errors).toEqual([]);
    expect(s.params).toEqual(p);
  });
  it('rejects a bad boolean or array entry by key, keeping the rest', () => {
    const s = parseP('#/x?on=maybe&widths=8,zero&rate=2');
    expect(s.params).toEqual({ ...defaults, rate: 2 });
    expect(s.errors).toHaveLength(2);
    expect(s.errors[0]).toMatch(/^on = "maybe" rejected: .*boolean.*; using false$/);
    expect(s.errors[1]).toMatch(/^widths = "8,zero" rejected: .*; using 64,256$/);
  });
});
