import { describe, expect, it } from 'vitest';
import { parseWireRules, wireRules } from './wire-source-rules.js';

describe('wire rules', () => {
  it('fills defaults (hold for the desk) and lower-cases map keys', () => {
    const [rules] = parseWireRules({ name: 'pws', agency: 'Pacific Wire Service', subjectSections: { Weather: 'local' } });
    expect(rules).toMatchObject({ name: 'pws', publish: 'hold', defaultSection: 'news', subjectSections: { weather: 'local' }, tagsFromSubjects: true });
  });
  it('picks a source by name, then *, then the defaults', () => {
    const rules = wireRules(parseWireRules({ sources: [{ name: 'pws', publish: 'hold' }, { name: '*', agency: 'Any' }] }));
    expect(rules.forSource('pws').publish).toBe('hold');
    expect(rules.forSource('other').agency).toBe('Any');
    expect(wireRules().forSource('x').agency).toBe('Wire');
    // Auto-publishing is a per-source choice: a source nobody configured waits for the desk.
    expect(wireRules().forSource('x').publish).toBe('hold');
  });
  it('names the field at fault', () => {
    expect(() => parseWireRules({ publish: 'sometimes' }, 'rules.json')).toThrow(/rules\.json: \/publish must be "auto" or "hold"/);
    expect(() => parseWireRules({ sources: [{ urgencyHoldAbove: 12 }] })).toThrow(/\/sources\/0\/urgencyHoldAbove/);
    expect(() => parseWireRules({ colour: 'red' })).toThrow(/\/colour is not a rules field/);
  });
});
