import { beforeEach, describe, expect, it } from 'vitest';
import { linkedStyle, useLinkedTerm } from './linkedTerms';

describe('linked terms', () => {
  beforeEach(() => useLinkedTerm.setState({ term: null, from: null }));

  it('a curve leaving does not undo the equation’s link, and the other way round', () => {
    const { link, unlink } = useLinkedTerm.getState();
    link('eps', 'equation');
    unlink('curve');
    expect(useLinkedTerm.getState().term).toBe('eps');
    unlink('equation');
    expect(useLinkedTerm.getState().term).toBeNull();
    link('y', 'curve');
    unlink('equation');
    expect(useLinkedTerm.getState().term).toBe('y');
    link('eps', 'equation');
    expect(useLinkedTerm.getState()).toMatchObject({ term: 'eps', from: 'equation' });
  });

  it('a chart changes only while it draws the linked term', () => {
    expect(linkedStyle('a', null, false)).toBe('plain');
    expect(linkedStyle('a', 'b', false)).toBe('plain');
    expect(linkedStyle('a', 'a', true)).toBe('active');
    expect(linkedStyle('c', 'a', true)).toBe('dimmed');
    expect(linkedStyle(undefined, 'a', true)).toBe('dimmed');
  });
});
