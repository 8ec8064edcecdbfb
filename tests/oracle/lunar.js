// What lunar-javascript makes of the lunar years 1900 to 2100, in the
// lines of tests/lunar_dump.c, for tests/lunar.bats to compare:
//
//     node lunar.js       every day: DATE YEAR MONTH DAY
//     node lunar.js -l    every lunar date, months 1 to 12, days 1 to 30:
//                         YEAR MONTH DAY DATE (day 30 of a month of 29
//                         days is its 29th)
//
// A leap month is written "leap5".  The days come from the library's own
// months (LunarYear), which are what its Solar.getLunar() and
// Lunar.fromYmd() convert with, read once each: converting each day or
// lunar date on its own gives the same lines in ten times the time.
'use strict';
const { LunarYear, Solar } = require('lunar-javascript');

const byLunar = process.argv[2] === '-l';
const out = [];
for (let y = 1900; y <= 2100; y++) {
	for (const mo of LunarYear.fromYear(y).getMonths()) {
		// A year's months run from the 冬月 before it to the 正月 after.
		if (mo.getYear() !== y)
			continue;
		const m = mo.getMonth(), n = mo.getDayCount();
		const first = mo.getFirstJulianDay();
		const ymd = (d) => Solar.fromJulianDay(first + d - 1).toYmd();
		if (!byLunar) {
			const name = m < 0 ? 'leap' + -m : String(m);
			for (let d = 1; d <= n; d++)
				out.push(`${ymd(d)} ${y} ${name} ${d}`);
		} else if (m > 0) {
			for (let d = 1; d <= 30; d++)
				out.push(`${y} ${m} ${d} ${ymd(Math.min(d, n))}`);
		}
	}
}
process.stdout.write(out.join('\n') + '\n');
