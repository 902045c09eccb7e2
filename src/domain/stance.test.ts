import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareEvents,
  countStances,
  EVENT_KINDS,
  STANCES,
  type StanceEvent,
  stanceAsOf,
  stanceChanges,
  stanceOfVote,
} from './stance.ts';

const ev = (
  id: string,
  date: string,
  kind: StanceEvent['kind'],
  stance: StanceEvent['stance'],
): StanceEvent => ({
  id,
  date,
  kind,
  stance,
});

describe('stanceAsOf', () => {
  it('is undeclared before any event', () => {
    expect(stanceAsOf([], '2020-01-01')).toEqual({ stance: 'undeclared', since: null, eventId: null });
    expect(stanceAsOf([ev('a', '2018-12-19', 'vote', 'supports')], '2018-12-18').stance).toBe('undeclared');
  });

  it('applies an event from its own date on', () => {
    const events = [ev('a', '2018-12-19', 'vote', 'supports')];
    expect(stanceAsOf(events, '2018-12-19')).toEqual({
      stance: 'supports',
      since: '2018-12-19',
      eventId: 'a',
    });
  });

  it('keeps a declared stance through an absence from a later vote', () => {
    const events = [
      ev('announce', '2018-11-20', 'announced_non_participation', 'opposes'),
      ev('absent', '2018-12-19', 'vote', null),
    ];
    expect(stanceAsOf(events, '2019-06-01')).toEqual({
      stance: 'opposes',
      since: '2018-11-20',
      eventId: 'announce',
    });
  });

  it('follows the Brazil case: yes vote, dissociation, return', () => {
    const events = [
      ev('vote', '2018-12-19', 'vote', 'supports'),
      ev('out', '2019-01-08', 'dissociation', 'opposes'),
      ev('back', '2023-01-05', 'return', 'supports'),
    ];
    expect(stanceAsOf(events, '2018-12-31').stance).toBe('supports');
    expect(stanceAsOf(events, '2020-01-01')).toMatchObject({ stance: 'opposes', since: '2019-01-08' });
    expect(stanceAsOf(events, '2023-01-05')).toMatchObject({ stance: 'supports', since: '2023-01-05' });
  });

  it('lets the recorded vote have the last word on its day, whatever the input order', () => {
    const motion = ev('italy-motion', '2018-12-19', 'parliamentary_decision', 'undeclared');
    const vote = ev('italy-vote', '2018-12-19', 'vote', 'abstains');
    const statement = ev('italy-statement', '2018-12-19', 'statement_of_support', 'supports');
    for (const order of [
      [motion, vote, statement],
      [vote, statement, motion],
      [statement, motion, vote],
    ]) {
      expect(stanceAsOf(order, '2018-12-19')).toMatchObject({ stance: 'abstains', eventId: 'italy-vote' });
    }
  });

  it('orders same-rank events on one day by id', () => {
    const events = [
      ev('b', '2020-01-01', 'adoption', 'supports'),
      ev('a', '2020-01-01', 'withdrawal', 'opposes'),
    ];
    expect(stanceAsOf(events, '2020-01-01').eventId).toBe('b');
  });

  it('does not move "since" when an event repeats the current stance', () => {
    const events = [ev('a', '2018-10-10', 'adoption', 'supports'), ev('b', '2018-12-19', 'vote', 'supports')];
    expect(stanceAsOf(events, '2019-01-01')).toMatchObject({ since: '2018-10-10', eventId: 'a' });
  });
});

describe('stanceChanges', () => {
  it('lists changes only, one per day at most', () => {
    const events = [
      ev('a', '2018-10-10', 'adoption', 'supports'),
      ev('b', '2018-11-21', 'postponement', 'undeclared'),
      ev('c', '2018-12-14', 'announced_abstention', 'abstains'),
      ev('d', '2018-12-19', 'vote', 'abstains'),
      ev('e', '2021-06-08', 'parliamentary_decision', null),
    ];
    expect(stanceChanges(events)).toEqual([
      { date: '2018-10-10', eventId: 'a', from: 'undeclared', to: 'supports' },
      { date: '2018-11-21', eventId: 'b', from: 'supports', to: 'undeclared' },
      { date: '2018-12-14', eventId: 'c', from: 'undeclared', to: 'abstains' },
    ]);
  });

  it('records no change when a day ends where it began', () => {
    const events = [
      ev('a', '2018-01-01', 'adoption', 'supports'),
      ev('b', '2019-01-01', 'statement_of_support', 'opposes'),
      ev('c', '2019-01-01', 'vote', 'supports'),
    ];
    expect(stanceChanges(events)).toHaveLength(1);
    expect(stanceAsOf(events, '2019-06-01')).toEqual({
      stance: 'supports',
      since: '2018-01-01',
      eventId: 'a',
    });
  });
});

describe('stanceOfVote and countStances', () => {
  it('maps votes to stances, absence to none', () => {
    expect(stanceOfVote('yes')).toBe('supports');
    expect(stanceOfVote('no')).toBe('opposes');
    expect(stanceOfVote('abstain')).toBe('abstains');
    expect(stanceOfVote('absent')).toBeNull();
  });

  it('counts every State exactly once', () => {
    const byState = new Map([
      ['BRA', [ev('v', '2018-12-19', 'vote', 'supports')]],
      ['HUN', [ev('w', '2018-07-18', 'withdrawal', 'opposes')]],
    ]);
    expect(countStances(byState, ['BRA', 'HUN', 'XXX'], '2019-01-01')).toEqual({
      supports: 1,
      opposes: 1,
      abstains: 0,
      undeclared: 1,
    });
  });
});

// Property tests: the rules hold for any events, not just the cases above.
const dateArb = fc
  .integer({ min: Date.UTC(2016, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((t) => new Date(t - (t % 86_400_000)).toISOString().slice(0, 10));
const eventArb = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  date: dateArb,
  kind: fc.constantFrom(...EVENT_KINDS),
  stance: fc.option(fc.constantFrom(...STANCES), { nil: null }),
});
// Few distinct dates, so that several events often fall on one day.
const eventsArb = fc
  .uniqueArray(eventArb, { selector: (e) => e.id, maxLength: 12 })
  .chain((events) =>
    fc
      .constantFrom('2018-12-19', '2019-01-08')
      .map((day) => events.map((e, i) => (i % 3 === 0 ? { ...e, date: day } : e))),
  );

describe('stance rules (property-based)', () => {
  it('does not depend on the order events are given in', () => {
    fc.assert(
      fc.property(eventsArb, dateArb, fc.integer(), (events, asOf, seed) => {
        const shuffled = [...events].sort(
          (a, b) => ((a.id.charCodeAt(0) * seed) % 7) - ((b.id.charCodeAt(0) * seed) % 7),
        );
        expect(stanceAsOf(shuffled, asOf)).toEqual(stanceAsOf(events, asOf));
      }),
    );
  });

  it('never lets an event without a stance change the answer', () => {
    fc.assert(
      fc.property(eventsArb, dateArb, dateArb, (events, absenceDate, asOf) => {
        const absence: StanceEvent = { id: '~absent', date: absenceDate, kind: 'vote', stance: null };
        expect(stanceAsOf([...events, absence], asOf)).toEqual(stanceAsOf(events, asOf));
      }),
    );
  });

  it('answers with the stance of the last stance-bearing event on or before the date', () => {
    fc.assert(
      fc.property(eventsArb, dateArb, (events, asOf) => {
        const last = [...events]
          .sort(compareEvents)
          .filter((e) => e.date <= asOf && e.stance !== null)
          .at(-1);
        // (the stance, not necessarily the event: a later same-day event may repeat it)
        expect(stanceAsOf(events, asOf).stance).toBe(last?.stance ?? 'undeclared');
      }),
    );
  });

  it('agrees with stanceChanges: the stance on any date is the last change before it', () => {
    fc.assert(
      fc.property(eventsArb, dateArb, (events, asOf) => {
        const last = stanceChanges(events)
          .filter((c) => c.date <= asOf)
          .at(-1);
        const at = stanceAsOf(events, asOf);
        expect(at.stance).toBe(last?.to ?? 'undeclared');
        expect(at.since).toBe(last?.date ?? null);
      }),
    );
  });
});
