import { describe, expect, it } from 'vitest';
import { templateFieldChoices } from './naming-choices';

const TEAM = '^(ops|billing)-[a-z0-9-]+-\\d{8}$';

describe('templateFieldChoices', () => {
  it('offers the words a group allows, for the field at the same place', () => {
    expect(templateFieldChoices(TEAM, '{team}-{purpose}-{yyyymmdd}')).toEqual({ team: ['ops', 'billing'] });
    expect(templateFieldChoices('^[a-z]+_(?:eu|us|ap)_\\d{8}$', '{purpose}_{region}_{yyyymmdd}')).toEqual({ region: ['eu', 'us', 'ap'] });
    expect(templateFieldChoices('^(?:(dev|prod)-[a-z]+)$', '{env}-{purpose}')).toEqual({ env: ['dev', 'prod'] });
  });

  it('lines up fixed text in the template with the pattern’s', () => {
    expect(templateFieldChoices('^acme-(ops|billing)-[a-z]+$', 'acme-{team}-{purpose}')).toEqual({ team: ['ops', 'billing'] });
    // The template's text is not the pattern's: nothing is offered rather than a guess.
    expect(templateFieldChoices('^acme-(ops|billing)-[a-z]+$', 'corp-{team}-{purpose}')).toEqual({});
    expect(templateFieldChoices(TEAM, '{purpose}-{team}-{yyyymmdd}')).toEqual({ purpose: ['ops', 'billing'] });
  });

  it('offers nothing where the pattern is not a list of words', () => {
    expect(templateFieldChoices('^(ops|[a-z]+)-x$', '{team}-x')).toEqual({});
    expect(templateFieldChoices('^(ops|billing)?-x$', '{team}-x')).toEqual({});
    expect(templateFieldChoices('^(ops)-x$', '{team}-x')).toEqual({});
    expect(templateFieldChoices('^ops-x$|^billing-x$', '{team}-x')).toEqual({});
    expect(templateFieldChoices('^(a|b)(c|d)$', '{x}{y}')).toEqual({});
    // Date and host fields come from the clock and the server, never from a list.
    expect(templateFieldChoices('^(ops|billing)$', '{host}')).toEqual({});
  });

  it('copes with no pattern, no template, or one that does not parse', () => {
    expect(templateFieldChoices(null, '{team}')).toEqual({});
    expect(templateFieldChoices(TEAM, null)).toEqual({});
    expect(templateFieldChoices('^(ops|', '{team}')).toEqual({});
  });
});
