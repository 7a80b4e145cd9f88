// Calendar arithmetic on whole days since 1970-01-01 in the proleptic Gregorian calendar, as Go's
// time package counts, in exact integer arithmetic: Go's times span far more years than
// JavaScript's Date can hold.

/** Division rounding toward negative infinity, so that times before 1970 fall on the right day. */
export function floorDivide(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  return dividend % divisor !== 0n && dividend < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

/** The proleptic Gregorian date of a day counted from 1970-01-01, in exact integer arithmetic (Go's
 * times span far more years than JavaScript's Date): eras of 400 years, each 146097 days long,
 * counted from 0000-03-01 so that the leap day ends the year. */
export function civilFromDays(days: bigint): { year: bigint; month: number; day: number } {
  const shifted = days + 719_468n;
  const era = floorDivide(shifted, 146_097n);
  const dayOfEra = shifted - era * 146_097n;
  const yearOfEra = (dayOfEra - dayOfEra / 1_460n + dayOfEra / 36_524n - dayOfEra / 146_096n) / 365n;
  const dayOfYear = dayOfEra - (365n * yearOfEra + yearOfEra / 4n - yearOfEra / 100n);
  const monthFromMarch = (5n * dayOfYear + 2n) / 153n;
  const day = Number(dayOfYear - (153n * monthFromMarch + 2n) / 5n + 1n);
  const month = Number(monthFromMarch < 10n ? monthFromMarch + 3n : monthFromMarch - 9n);
  const year = yearOfEra + era * 400n + (month <= 2 ? 1n : 0n);
  return { year, month, day };
}

/** The inverse of civilFromDays; a day beyond the month's end counts on into the next months, as
 * Go's time.Date normalises it. `month` must be 1-12. */
export function daysFromCivil(year: bigint, month: number, day: bigint): bigint {
  const marchYear = month <= 2 ? year - 1n : year;
  const era = floorDivide(marchYear, 400n);
  const yearOfEra = marchYear - era * 400n;
  const dayOfYear = (153n * BigInt(month > 2 ? month - 3 : month + 9) + 2n) / 5n + day - 1n;
  const dayOfEra = yearOfEra * 365n + yearOfEra / 4n - yearOfEra / 100n + dayOfYear;
  return era * 146_097n + dayOfEra - 719_468n;
}
