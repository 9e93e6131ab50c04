import { describe, expect, it } from 'vitest';
import { namingTemplateProblems, parseTemplate } from './naming-template';

describe('naming templates', () => {
  it('uses {field} placeholders and WHM’s alphabet', () => {
    expect(namingTemplateProblems('{team}-{purpose}-{yyyymmdd}')).toEqual([]);
    expect(namingTemplateProblems('ci_{host}_{user}_{yyyy}{mm}{dd}')).toEqual([]);
    expect(namingTemplateProblems('{team}.{purpose}')).toEqual([expect.stringMatching(/contains "\.", which WHM refuses/)]);
    expect(namingTemplateProblems('{team-{purpose}')).toEqual([expect.stringMatching(/"\{" at position 1 is not closed/)]);
    expect(namingTemplateProblems('ops}-{x}')).toEqual([expect.stringMatching(/"\}" at position 4 has no matching "\{"/)]);
    expect(namingTemplateProblems('ops-{Team}')).toEqual([expect.stringMatching(/\{Team\} is not a valid field name/)]);
  });

  it('leaves room within WHM’s 50 characters for the fixed text and dates', () => {
    expect(namingTemplateProblems(`${'x'.repeat(42)}{yyyymmdd}`)).toEqual([]);
    expect(namingTemplateProblems(`${'x'.repeat(43)}{yyyymmdd}`)).toEqual([expect.stringMatching(/51 characters/)]);
  });

  it('parses a template into text and fields', () => {
    expect(parseTemplate('ops-{purpose}-{yyyymmdd}')).toEqual({
      parts: [
        { kind: 'text', text: 'ops-' },
        { kind: 'field', name: 'purpose' },
        { kind: 'text', text: '-' },
        { kind: 'field', name: 'yyyymmdd' },
      ],
      problems: [],
    });
  });
});
