import { describe, expect, it } from 'vitest';
import { chineseWorkingCalendar as cal } from '../../functions/calendar/working-days.ts';
import { allowanceFor, dueDate, isOverdue, workingDaysOverdue } from '../../functions/rectification/deadline.ts';

describe('整改 deadlines in Chinese working days', () => {
  it('gives veto 1, major 5 and minor 10 working days by default', () => {
    expect(allowanceFor('privacy-exposure', 'veto')).toBe(1);
    expect(allowanceFor('broken-link', 'major')).toBe(5);
    expect(allowanceFor('undated-item', 'minor')).toBe(10);
  });

  it('lets a portal change a severity’s allowance, and a rule’s over it', () => {
    const settings = { major: 3, rules: { 'late-publication': 8 } };
    expect(allowanceFor('broken-link', 'major', settings)).toBe(3);
    expect(allowanceFor('late-publication', 'major', settings)).toBe(8);
    expect(allowanceFor('privacy-exposure', 'veto', settings)).toBe(1);
  });

  it('counts the make-up Saturday 2017-09-30 and skips the National Day week', () => {
    // First seen Friday 2017-09-29: a veto is due on the 调休 Saturday, a major after the holiday.
    expect(dueDate('2017-09-29', 1, cal)).toBe('2017-09-30');
    expect(dueDate('2017-09-29', 5, cal)).toBe('2017-10-12');
    expect(dueDate('2018-01-12', 1, cal)).toBe('2018-01-15'); // a Friday's veto is due Monday
  });

  it('is overdue only after its due date, and only while open or acknowledged', () => {
    expect(isOverdue({ status: 'open', due: '2018-01-15' }, '2018-01-15')).toBe(false);
    expect(isOverdue({ status: 'open', due: '2018-01-15' }, '2018-01-16')).toBe(true);
    expect(isOverdue({ status: 'acknowledged', due: '2018-01-15' }, '2018-01-16')).toBe(true);
    expect(isOverdue({ status: 'ignored', due: '2018-01-15' }, '2018-01-16')).toBe(false);
    expect(isOverdue({ status: 'resolved', due: '2018-01-15' }, '2018-01-16')).toBe(false);
  });

  it('measures how far past due in working days, so twice the allowance can be escalated', () => {
    expect(workingDaysOverdue({ status: 'open', due: '2018-01-12' }, '2018-01-16', cal)).toBe(2); // Mon, Tue
    expect(workingDaysOverdue({ status: 'resolved', due: '2018-01-12' }, '2018-01-16', cal)).toBe(0);
  });
});
