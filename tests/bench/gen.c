/*
 * gen: writes realistic data for the benchmark.
 *
 *     gen [-a AGENTS] [ROWS]                  customers (default 1000000)
 *     gen -p [-a AGENTS] [ROWS]               policies, for cm-followup
 *     gen -o DIR [-a AGENTS] [-H HOLDINGS] [ROWS]
 *                                             orphan policies, a roster and
 *                                             holdings, for cm-orphan-assign
 *
 * The columns are those of DOMAIN.md, in the order of
 * samples/customers.csv.  The values are what a branch's export holds:
 * Chinese names, the 9 name-book sources, districts, the grading
 * dimensions (好/一般, 强/一般, 广/一般), closed yes/no (now and then 是/否),
 * trust 感知/情感/行为 or empty, dates mostly 2026-11-23 and sometimes
 * 2026/1/5, premiums whole or with cents or empty.  Addresses have commas
 * (quoted), some have doubled quotes, and about 1 in 200 an embedded
 * newline.
 *
 * The output is deterministic: its own PRNG with a fixed seed, and row i
 * is the same whatever ROWS is, so `gen 1000` is the first 1000 rows of
 * `gen 1000000`.  Every row is accepted by cm-classify with the shipped
 * rules.
 *
 * The agents: without -a, 40 customers an agent, in agent order (row i
 * has agent i / 40 + 1), the output of earlier benchmarks.  With -a
 * AGENTS, each row's agent is drawn from 1 ... AGENTS by a hash of the
 * row's number, so the agents interleave as in a branch's export sorted
 * by customer (about ROWS / AGENTS rows each); the hash draws nothing
 * from the PRNG, so every other column is the same as without -a.
 *
 * -p writes ROWS policies, one a row, in the columns of
 * samples/policies.csv (policy_id ... segment), customer by customer
 * (see policy_customer() for the spread of the dates); the agent of a
 * customer is drawn as -a draws a row's, or 40 customers an agent without
 * -a.  Row i is the same whatever ROWS is.  Every row is read by
 * cm-followup with rules/followup.yaml (every date a date, every lunar
 * birthday in the lunar tables).
 *
 * -o writes three files into the directory DIR: agents.csv, a roster of
 * AGENTS agents (default 50000) in the columns of samples/agents.csv, the
 * service agents' areas as address prefixes (南京市玄武区, now and then a
 * street, or two prefixes); orphans.csv, ROWS orphan policies in the
 * columns of samples/orphans.csv, with a source (离司 mostly, 迁入, 长期失效,
 * 整合), an address, and for a 外派件 now and then the service agent it is
 * entrusted to; and holdings.csv, about HOLDINGS (default 3 times ROWS)
 * in-force policies in the columns of samples/holdings.csv: the orphans'
 * own, other policies of their policyholders, and those of other
 * customers (see gen_roster() and orphan_customer()).  The roster also
 * keeps the old region column, and the orphans theirs, so that a build of
 * cm-orphan-assign from before the areas can run on the same files.  The
 * agent ids are unique, the counts numbers, every agent_id of the orphans
 * is in the roster (one who left, for the policies of 离司), and every
 * rider comes after its main policy, so cm-orphan-assign with
 * rules/orphan.yaml rejects nothing.
 *
 * All dates are as of the benchmark's today, 2026-11-23, mostly in the
 * form 2026-01-05, now and then 2026/1/5 or 20260105; no field of -p or -o
 * is quoted.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/date.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t state = 0x9E3779B97F4A7C15ULL;

/* -a: the number of agents, or 0 for 40 customers an agent in order. */
static unsigned long agents;

/* splitmix64: small, fast, good enough for test data. */
static uint64_t
next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* splitmix64's finalizer of x alone: the row's agent, apart from state. */
static uint64_t
mix(uint64_t x)
{
	x += 0x2545F4914F6CDD1DULL;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
	return x ^ (x >> 31);
}

/* Row i's agent, 1 ... */
static unsigned long
agent_of(unsigned long i)
{
	if (agents == 0)
		return i / 40 + 1;
	return (unsigned long)((mix(i) >> 32) * agents >> 32) + 1;
}

/* A number in [0, n). */
static unsigned
pick(unsigned n)
{
	return (unsigned)((next() >> 32) * n >> 32);
}

/* True about once in n. */
static int
one_in(unsigned n)
{
	return pick(n) == 0;
}

static const char *const surname[] = {
	"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
	"郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
	"彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"欧阳", "司马",
};

static const char *const given[] = {
	"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军",
	"洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
	"平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "志强", "婷",
	"晓东", "海燕", "丹", "鹏", "宇", "浩然", "思远", "欣怡", "子涵", "梓萱",
};

static const char *const source[] = {
	"亲属", "同学老师", "左邻右舍", "消费场所", "既往同事",
	"趣味相投", "子女相关", "家人相关", "业外同行",
};

static const char *const city = "南京市";

static const char *const district[] = {
	"玄武区", "秦淮区", "建邺区", "鼓楼区", "栖霞区", "雨花台区",
	"江宁区", "浦口区", "六合区", "溧水区", "高淳区",
};

/* Two streets (街道) of each district, in the order of district[]. */
static const char *const street[] = {
	"玄武门街道", "锁金村街道", "夫子庙街道", "五老村街道", "南湖街道",
	"莫愁湖街道", "湖南路街道", "宁海路街道", "尧化街道", "马群街道",
	"铁心桥街道", "西善桥街道", "东山街道", "秣陵街道", "江浦街道",
	"顶山街道", "雄州街道", "龙池街道", "永阳街道", "洪蓝街道", "淳溪街道",
	"古柏街道",
};

static const char *const road[] = {
	"中山路", "北京东路", "汉中路", "龙蟠路", "虎踞路", "江东中路",
	"中华路", "珠江路", "广州路", "上海路", "应天大街", "集庆门大街",
	"双龙大道", "天元中路", "江北大道", "草场门大街",
};

static const char *const estate[] = {
	"金陵小区", "翠苑", "锦绣花园", "阳光新城", "御水湾", "梅花山庄",
};

static const char *const note[] = {
	"(后门进)", "(小区北门)", "(快递放门卫)", "(白天不在家)",
};

static const char *const trust[] = { "感知", "情感", "行为" };

static const int premium[] = {
	1200, 2400, 3600, 5000, 6000, 8800, 10000, 12000, 15000, 20000,
	26000, 30000, 48000, 60000, 100000,
};

/*
 * Every pick() below is in a statement of its own: the order in which C
 * evaluates a call's arguments is unspecified, and the file must be the
 * same whichever compiler built gen.
 */

static void
ymd(int y, int m, int d)
{
	if (one_in(10))
		printf("%d/%d/%d", y, m, d);
	else
		printf("%04d-%02d-%02d", y, m, d);
}

/* A date in the years [y0, y1]: mostly 2026-01-05, 1 in 10 2026/1/5. */
static void
date(int y0, int y1)
{
	int y, m, d;

	y = y0 + (int)pick((unsigned)(y1 - y0 + 1));
	m = 1 + (int)pick(12);
	d = 1 + (int)pick((unsigned)date_days_in_month(y, m));
	ymd(y, m, d);
}

/* The day before (y, m, d), n times: back from today, at most 900 days. */
static void
days_back(int *y, int *m, int *d, unsigned n)
{
	while (n >= (unsigned)*d) {
		n -= (unsigned)*d;
		if (--*m == 0) {
			*m = 12;
			--*y;
		}
		*d = date_days_in_month(*y, *m);
	}
	*d -= (int)n;
}

/*
 * The last contact, counted back from the benchmark's today, 2026-11-23:
 * 7 in 10 within the year, the rest up to about 2.5 years back (dormant).
 */
static void
last_contact(void)
{
	int y = 2026, m = 11, d = 23;
	unsigned back;

	if (pick(10) < 7)
		back = pick(365);
	else
		back = 365 + pick(540);
	days_back(&y, &m, &d, back);
	ymd(y, m, d);
}

static void
address(const char *dist)
{
	int kind = (int)pick(100);
	const char *rd, *est;
	unsigned no, bldg, unit, room;

	/* Most live in the district they are listed under. */
	if (one_in(8))
		dist = district[pick(N(district))];
	rd = road[pick(N(road))];
	est = estate[pick(N(estate))];
	no = 1 + pick(300);
	bldg = 1 + pick(30);
	unit = 1 + pick(6);
	room = 101 + pick(2900);
	if (kind < 55)
		printf("%s%s%s%u号", city, dist, rd, no);
	else if (kind < 90)
		printf("\"%s%s%s%u号,%u栋%u室\"", city, dist, rd, no, bldg,
		    room);
	else
		printf("\"%s%s\"\"%s\"\"%u栋%u单元%u室\"", city, dist, est,
		    bldg, unit, room);
}

/* An address with an embedded newline, as typed into an Excel cell. */
static void
address_nl(const char *dist)
{
	const char *rd, *nt;
	unsigned no, bldg, room;

	rd = road[pick(N(road))];
	nt = note[pick(N(note))];
	no = 1 + pick(300);
	bldg = 1 + pick(30);
	room = 101 + pick(2900);
	printf("\"%s%s%s%u号,%u栋%u室\n%s\"", city, dist, rd, no, bldg, room,
	    nt);
}

static void
row(unsigned long i)
{
	const char *dist, *sur, *giv, *sex, *eco, *aw, *inf, *cl;
	unsigned pfx, num;
	int closed, by, p;

	dist = district[pick(N(district))];
	closed = pick(100) < 45;
	sur = surname[pick(N(surname))];
	giv = given[pick(N(given))];
	pfx = pick(5);
	num = pick(1000000000);
	sex = pick(2) ? "男" : "女";

	/* customer_id, agent_id, name, phone, gender */
	printf("C%07lu,A%05lu,%s%s,1%c%09u,%s,", i + 1, agent_of(i), sur, giv,
	    "35789"[pfx], num, sex);
	/* birthday, birthday_calendar, wedding_date */
	by = 1950 + (int)pick(55);
	date(by, by);
	printf(",%s,", one_in(5) ? "lunar" : "solar");
	if (by < 2000 && pick(100) < 40)
		date(by + 20, by + 26 > 2026 ? 2026 : by + 26);
	/* source, region, address */
	printf(",%s,%s,", source[pick(N(source))], dist);
	if (one_in(200))
		address_nl(dist);
	else
		address(dist);
	/* economy, awareness, influence, closed */
	eco = pick(100) < 35 ? "好" : "一般";
	aw = pick(100) < 40 ? "强" : "一般";
	inf = pick(100) < 30 ? "广" : "一般";
	if (one_in(50))
		cl = closed ? "是" : "否";
	else
		cl = closed ? "yes" : "no";
	printf(",%s,%s,%s,%s,", eco, aw, inf, cl);
	/* annual_premium: empty for prospects, and for some closed ones */
	if (closed && !one_in(30)) {
		p = premium[pick(N(premium))];
		if (one_in(8)) {
			p += (int)pick(1000);
			printf("%d.%02u", p, pick(100));
		} else {
			printf("%d", p);
		}
	}
	putchar(',');
	/* last_contact: 1 in 20 never contacted */
	if (!one_in(20))
		last_contact();
	putchar(',');
	/* interactions_90d: 1 in 50 empty; mostly 0-5, a few up to 12 */
	if (!one_in(50)) {
		if (one_in(4))
			printf("%u", pick(13));
		else
			printf("%u", pick(6));
	}
	putchar(',');
	/* trust: 1 in 4 empty */
	p = (int)pick(4);
	if (p > 0)
		fputs(trust[p - 1], stdout);
	/* policy_count: 1 to 4 for a closed customer, 0 for a prospect;
	   referrer: 1 in 16, a customer listed before.  Both from a hash of
	   the row's number, so that the other columns are as they were. */
	printf(",%u,", closed ? 1 + (unsigned)(mix(i ^ 0x5eed) % 4) : 0);
	if (i > 0 && mix(i ^ 0xfeed) % 16 == 0)
		printf("C%07lu", 1 + (unsigned long)(mix(i) % i));
	putchar('\n');
}

/* ---- Dates as day numbers, for the policies and the orphans --------- */

/* day plus n calendar years; 29 February falls on the 28th. */
static long
plus_years(long day, int n)
{
	return date_add_months((int)day, 12 * n);
}

/* The first anniversary of day on or after from (at least the 1st). */
static long
next_anniversary(long day, long from)
{
	int y, m, d, fy, n;
	long a;

	date_to_ymd((int)day, &y, &m, &d);
	date_to_ymd((int)from, &fy, &m, &d);
	n = fy - y > 1 ? fy - y : 1;
	while ((a = plus_years(day, n)) < from)
		n++;
	return a;
}

/* The benchmark's today, 2026-11-23, as a day number. */
static long today;

/*
 * A date's form, as exports mix them: 0 2026-01-05 (most), 1 2026/1/5,
 * 2 20260105.  All three are dates to cm-rules(5).
 */
static int
form(void)
{
	unsigned p = pick(100);

	return p < 88 ? 0 : p < 98 ? 1 : 2;
}

static char *
fmt(char *buf, long day, int f)
{
	int y, m, d;

	date_to_ymd((int)day, &y, &m, &d);
	if (f == 1)
		sprintf(buf, "%d/%d/%d", y, m, d);
	else if (f == 2)
		sprintf(buf, "%04d%02d%02d", y, m, d);
	else
		sprintf(buf, "%04d-%02d-%02d", y, m, d);
	return buf;
}

/* A date in its own form, into buf. */
static char *
fmt1(char *buf, long day)
{
	return fmt(buf, day, form());
}

static long
min2(long a, long b)
{
	return a < b ? a : b;
}

/* An annual premium: whole, or now and then with cents. */
static void
money(char *buf, int base)
{
	unsigned extra, cents;

	if (one_in(8)) {
		extra = pick(1000);
		cents = pick(100);
		sprintf(buf, "%u.%02u", (unsigned)base + extra, cents);
	} else {
		sprintf(buf, "%d", base);
	}
}

/* ---- -p: policies for cm-followup ----------------------------------- */

enum { PLAIN, SHORT, ANNUITY, EDUCATION };

static const struct product {
	const char *name;
	int kind;		/* SHORT: a one-year term renewed each year */
} mains[] = {
	{ "鑫福年年分红险", PLAIN }, { "金彩人生分红两全", PLAIN },
	{ "康宁终身重疾", PLAIN }, { "康宁终身重疾", PLAIN },
	{ "福满堂年金", ANNUITY }, { "鑫享养老年金", ANNUITY },
	{ "少儿教育金", EDUCATION }, { "意外伤害险", SHORT },
	{ "百万医疗险", SHORT }, { "定期寿险", PLAIN }, { "终身寿险", PLAIN },
	{ "安康两全保险", PLAIN },
};

static const char *const riders[] = {
	"附加意外险", "附加住院医疗", "附加重疾险", "附加豁免保费",
};

static const int terms[] = { 5, 10, 15, 20, 30 };

/* Row count so far, the cap, and the last policy number, of -p and -o. */
static unsigned long nrows, maxrows, npolicy;

/*
 * One customer's policies: 1 to 3 main policies (60%, 28%, 12%), each with
 * a rider 3 times in 10.  Issue dates over 20 years, more of them recent,
 * a few in the coming 20 days; premiums paid yearly on the anniversary for
 * 5 to 30 years (1 in 10 single premium, the one-year covers renewed every
 * year), so next_due_date is the coming anniversary, or one up to 59 days
 * past for the 4 in 10 who have not paid yet (宽限期), or years back for 1
 * in 40 (失效), or empty once paid up; riders expire at the coming
 * anniversary; annuities pay from 60 (a man) or 55 (a woman), education
 * funds 15 to 18 years after issue.  Birthdays 1950-2005, 1 in 4 on the
 * lunar calendar; weddings for half of those born by 2000; 1 in 20
 * customers taken over from a departed agent in the last two years, their
 * policies 正常件 7 in 10, 困难件 1 in 10, 问题件 1 in 20, else 失效件; a
 * mobile phone each; the segment of cm-classify, 高效客户 1 in 10,
 * 高贡献客户 1 in 10, 休眠客户 3 in 20, else 一般客户.
 */
static void
policy_customer(unsigned long c)
{
	char birth[16] = "", wed[16] = "", assigned[16] = "", name[32];
	char issue_s[16], sign_s[16], due_s[16], prem[24], rexp[16];
	char bstart[16], mainid[16], phone[16];
	const struct product *pr;
	const char *sur, *giv, *sex, *cal, *status, *state = "", *seg;
	long bday, wday, issue, sign, due, bs, adult;
	unsigned p, back;
	int by, bm, bd, nmain, i, term, f;

	sur = surname[pick(N(surname))];
	giv = given[pick(N(given))];
	snprintf(name, sizeof(name), "%s%s", sur, giv);
	sex = pick(2) ? "男" : "女";
	by = 1950 + (int)pick(56);
	bm = 1 + (int)pick(12);
	bd = 1 + (int)pick((unsigned)date_days_in_month(by, bm));
	bday = date_from_ymd(by, bm, bd);
	if (!one_in(100))
		fmt1(birth, bday);
	p = pick(100);
	cal = p < 25 ? "lunar" : p < 95 ? "solar" : "";
	if (by <= 2000 && pick(100) < 55) {
		back = pick(11);
		wday = plus_years(bday, 22 + (int)back) + (long)pick(365);
		if (wday < today)
			fmt1(wed, wday);
	}
	if (one_in(20)) {
		back = pick(730);
		fmt1(assigned, today - (long)back);
		p = pick(100);
		state = p < 70 ? "正常件" : p < 80 ? "困难件" : p < 85 ?
		    "问题件" : "失效件";
	}
	p = pick(5);
	back = pick(1000000000);
	snprintf(phone, sizeof(phone), "1%c%09u", "35789"[p], back);
	p = pick(100);
	seg = p < 10 ? "高效客户" : p < 20 ? "高贡献客户" : p < 35 ?
	    "休眠客户" : "一般客户";
	p = pick(100);
	nmain = p < 60 ? 1 : p < 88 ? 2 : 3;
	for (i = 0; i < nmain && nrows < maxrows; i++) {
		pr = &mains[pick(N(mains))];
		back = pick(7300);
		issue = today + 20 - min2(back, pick(7300));
		adult = plus_years(bday, 18);
		if (pr->kind != EDUCATION && issue < adult) {
			issue = adult + (long)pick(3650);
			if (issue > today)
				issue = today - (long)pick(365);
		}
		f = form();
		fmt(issue_s, issue, f);
		back = pick(10);
		sign = issue - 1 - (long)back;
		if (one_in(50))
			sign_s[0] = '\0';
		else
			fmt(sign_s, sign, f);
		p = pick(100);
		term = pr->kind == SHORT ? 1 : p < 10 ? 0 :
		    terms[pick(N(terms))];
		status = "有效";
		due = -1;
		if (term > 0 && (pr->kind == SHORT ||
		    plus_years(issue, term) > today)) {
			due = next_anniversary(issue, today - 59);
			if (one_in(40)) {
				back = 1 + pick(3);
				if (plus_years(due, -(int)back) > issue) {
					due = plus_years(due, -(int)back);
					status = "失效";
				}
			} else if (due < today && pick(100) < 60) {
				due = next_anniversary(issue, due + 1);
			} else if (due < today) {
				status = "宽限期";
			}
		}
		if (due < 0)
			due_s[0] = '\0';
		else
			fmt(due_s, due, f);
		if (term == 0)
			money(prem, 10000 * (1 + (int)pick(30)));
		else if (one_in(30))
			prem[0] = '\0';
		else
			money(prem, premium[pick(N(premium))]);
		bstart[0] = '\0';
		if (pr->kind == ANNUITY) {
			bs = plus_years(bday, strcmp(sex, "女") == 0 ? 55 : 60);
			if (bs > issue)
				fmt(bstart, bs, f);
		} else if (pr->kind == EDUCATION) {
			back = pick(4);
			fmt(bstart, plus_years(issue, 15 + (int)back), f);
		}
		snprintf(mainid, sizeof(mainid), "P%08lu", ++npolicy);
		printf("%s,C%07lu,A%05lu,,%s,%s,%s,%s,%s,%s,,%s,%s,%s,%s,%s,%s,"
		    "%s,%s,%s,%s\n", mainid, c, agent_of(c - 1), pr->name,
		    status, issue_s, sign_s, due_s, prem, bstart, assigned,
		    state, name, phone, sex, birth, cal, wed, seg);
		nrows++;
		if (pick(100) >= 30 || nrows >= maxrows)
			continue;
		/* A rider: the main's dates; a one-year cover renewed each year. */
		if (one_in(10))
			rexp[0] = '\0';
		else
			fmt(rexp, next_anniversary(issue, today), f);
		back = pick(18);
		sprintf(prem, "%u", 200 + 100 * back);
		printf("P%08lu,C%07lu,A%05lu,%s,%s,%s,%s,%s,%s,%s,%s,,%s,%s,%s,"
		    "%s,%s,%s,%s,%s,%s\n", ++npolicy, c, agent_of(c - 1),
		    mainid, riders[pick(N(riders))], status, issue_s, sign_s,
		    due_s, prem, rexp, assigned, state, name, phone, sex, birth,
		    cal, wed, seg);
		nrows++;
	}
}

static void
gen_policies(unsigned long n)
{
	unsigned long c;

	fputs("policy_id,customer_id,agent_id,main_policy_id,product,status,"
	    "issue_date,sign_date,next_due_date,annual_premium,rider_expiry,"
	    "benefit_start,assigned_date,orphan_state,name,phone,gender,"
	    "birthday,birthday_calendar,wedding_date,segment\n", stdout);
	maxrows = n;
	for (c = 1; nrows < maxrows; c++)
		policy_customer(c);
}

/* ---- -o: orphan policies, the roster and the holdings ---------------- */

enum { SALES, SUPERVISOR, SERVICE };

static struct agent {
	unsigned char left, role, region;
	unsigned long group;	/* index, or NOGROUP */
} *ag;				/* ag[1 .. nag] */
#define NOGROUP ((unsigned long)-1)
#define GROUP 12		/* a supervisor and 11 sales agents */

static unsigned long nag, *gfirst, ngroups, *kth, nservice;
static unsigned long *departed, ndeparted, *active, nactive;

static void *
alloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL) {
		perror("gen");
		exit(1);
	}
	return p;
}

/*
 * The roster: every 20th agent a service agent (收展) of a district, the
 * others in groups of 12 in roster order, a supervisor first; 8% of the
 * sales agents, 4% of the supervisors and 2% of the service agents have
 * left.  A sales agent's recruiter is an earlier member of the group (65%),
 * the supervisor (15%), nobody (12%) or someone no longer on the roster
 * (8%); a supervisor was developed by the supervisor of an earlier group.
 * Of those in service, 45% recruited someone in the last 3 months and 7%
 * had a complaint; orphan_count and output_last_month are mostly small
 * numbers, now and then empty (0), and some agents are near the cap of
 * 200 or at it.  A service agent's area is their district of 南京市, 1 in
 * 4 a street of it instead, and 1 in 10 also the next district.
 */
static void
gen_roster(FILE *out, unsigned long n)
{
	unsigned long i, k = 0, g, j, sup, dev, rec;
	char idbuf[3][16], num[4][24];
	struct agent *a;
	unsigned p, q;
	const char *role;

	nag = n;
	ag = alloc(n + 1, sizeof(*ag));
	kth = alloc(n + GROUP + 1, sizeof(*kth));
	gfirst = alloc(n / GROUP + 2, sizeof(*gfirst));
	departed = alloc(n + 1, sizeof(*departed));
	active = alloc(n + 1, sizeof(*active));
	fputs("agent_id,name,status,role,group_id,supervisor_id,recruiter_id,"
	    "developer_id,region,area,recruits_3m,complaints_3m,orphan_count,"
	    "output_last_month\n", out);
	for (i = 1; i <= n; i++) {
		a = &ag[i];
		idbuf[0][0] = idbuf[1][0] = idbuf[2][0] = '\0';
		a->group = NOGROUP;
		if (i % 20 == 0) {
			a->role = SERVICE;
			a->region = (unsigned char)(i / 20 % N(district));
			a->left = one_in(50);
		} else {
			g = k / GROUP;
			j = k % GROUP;
			kth[k++] = i;
			a->group = g;
			if (j == 0) {
				gfirst[g] = i;
				ngroups = g + 1;
				a->role = SUPERVISOR;
				a->region = (unsigned char)pick(N(district));
				a->left = one_in(25);
				if (g > 0) {
					dev = gfirst[pick((unsigned)g)];
					sprintf(idbuf[2], "A%05lu", dev);
					if (pick(2))
						strcpy(idbuf[1], idbuf[2]);
				}
			} else {
				sup = gfirst[g];
				a->role = SALES;
				a->region = ag[sup].region;
				a->left = pick(100) < 8;
				sprintf(idbuf[0], "A%05lu", sup);
				p = pick(100);
				if (p < 65 && j > 1) {
					rec = kth[g * GROUP + pick((unsigned)j)];
					sprintf(idbuf[1], "A%05lu", rec);
				} else if (p < 80) {
					strcpy(idbuf[1], idbuf[0]);
				} else if (p >= 92) {
					rec = n + 1 + pick(10000);
					sprintf(idbuf[1], "A%05lu", rec);
				}
			}
		}
		if (i == n && ndeparted == 0)
			a->left = 1;	/* a tiny roster: someone has left */
		if (a->left) {
			departed[ndeparted++] = i;
			strcpy(num[0], "0");
			strcpy(num[1], "0");
			strcpy(num[2], "0");
			strcpy(num[3], "0");
		} else {
			if (a->role != SERVICE)
				active[nactive++] = i;
			p = pick(100);
			sprintf(num[0], "%u", p < 55 ? 0 : p < 80 ? 1 : p < 92 ?
			    2 : 3 + pick(3));
			p = pick(100);
			sprintf(num[1], "%u", p < 93 ? 0 : p < 99 ? 1 : 2);
			p = pick(100);
			q = p < 45 ? 0 : p < 80 ? 1 + pick(30) : p < 95 ?
			    31 + pick(120) : 151 + pick(50);
			if (one_in(50))
				num[2][0] = '\0';
			else
				sprintf(num[2], "%u", q);
			p = pick(100);
			if (one_in(50))
				num[3][0] = '\0';
			else if (a->role == SUPERVISOR)
				money(num[3], 20000 + 100 * (int)pick(1500));
			else if (a->role == SERVICE || p < 15)
				strcpy(num[3], "0");
			else
				money(num[3], 1000 + 100 * (int)pick(600));
		}
		role = a->role == SALES ? "sales" : a->role == SUPERVISOR ?
		    "supervisor" : "service";
		p = pick(N(surname));
		q = pick(N(given));
		fprintf(out, "A%05lu,%s%s,%s,%s,", i, surname[p], given[q],
		    a->left ? "left" : "active", role);
		if (a->group != NOGROUP)
			fprintf(out, "G%04lu", a->group + 1);
		fprintf(out, ",%s,%s,%s,%s,", idbuf[0], idbuf[1], idbuf[2],
		    district[a->region]);
		if (a->role == SERVICE) {
			nservice++;
			p = pick(100);
			if (p < 25)
				fprintf(out, "%s%s%s", city, district[a->region],
				    street[2 * a->region + pick(2)]);
			else
				fprintf(out, "%s%s", city, district[a->region]);
			if (one_in(10))
				fprintf(out, ";%s%s", city, district[(a->region +
				    1) % N(district)]);
		}
		fprintf(out, ",%s,%s,%s,%s\n", num[0], num[1], num[2], num[3]);
	}
}

/*
 * An orphan's address in district d (empty for none): 南京市, 1 in 20
 * without it and 1 in 20 after 江苏省; a street of the district 1 in 3; a
 * road and a number; an estate 1 in 5.  No comma: gen -o quotes nothing.
 */
static void
orphan_address(char *buf, size_t size, int d)
{
	const char *pre = "南京市", *st = "", *est = "";
	unsigned p, no;

	if (d < 0) {
		buf[0] = '\0';
		return;
	}
	p = pick(20);
	if (p == 0)
		pre = "";
	else if (p == 1)
		pre = "江苏省南京市";
	if (pick(3) == 0)
		st = street[2 * d + pick(2)];
	no = 1 + pick(300);
	if (one_in(5))
		est = estate[pick(N(estate))];
	snprintf(buf, size, "%s%s%s%s%u号%s", pre, district[d], st,
	    road[pick(N(road))], no, est);
}

/* A service agent of district d, or "" when there is none. */
static void
service_of(char *buf, size_t size, int d)
{
	unsigned long per = nservice / N(district), i;

	buf[0] = '\0';
	if (d < 0 || per == 0)
		return;
	i = 20 * ((unsigned long)d + N(district) * pick((unsigned)per));
	if (i == 0)
		i = 20 * N(district);
	if (i <= nag)
		snprintf(buf, size, "A%05lu", i);
}

/* An agent in service, not a service agent: a signer of the holdings. */
static unsigned long
some_active(void)
{
	return active[pick((unsigned)nactive)];
}

/* An active member of group g, or some active agent. */
static unsigned long
active_in(unsigned long g)
{
	unsigned long i;

	if (g != NOGROUP) {
		i = kth[g * GROUP + pick(GROUP)];
		if (i != 0 && i <= nag && !ag[i].left && ag[i].group == g)
			return i;
	}
	return some_active();
}

static const char *const orphan_states[] = {
	"正常件", "困难件", "问题件", "失效件", "", "外派件",
};

static const char *const sources[] = { "离司", "迁入", "长期失效", "整合" };

/* A sign date: before the agent left, more of them recent. */
static long
old_sign(void)
{
	unsigned back = pick(6000);

	return today - 90 - min2(back, pick(6000));
}

/* Holdings rows, all and of other customers; customers; policy numbers. */
static unsigned long nhold, maxhold, nohold, nother, nholding;

/* A holding: policy, customer, agent, main policy, product, sign date. */
static void
holding(FILE *out, const char *policy, const char *cust, const char *agent,
    const char *main, const char *product, long sign)
{
	char s[16];

	if (one_in(100))
		s[0] = '\0';
	else
		fmt1(s, sign);
	fprintf(out, "%s,%s,%s,%s,%s,有效,%s\n", policy, cust, agent, main,
	    product, s);
	nhold++;
}

/* The policies of a customer who is none of the orphans' policyholders. */
static void
other_customer(FILE *out)
{
	char pid[16], mid[16], cust[16], agent[16];
	unsigned long start;
	unsigned nmain, i;
	long sign;

	start = nhold;
	snprintf(cust, sizeof(cust), "C%07lu", ++nother);
	snprintf(agent, sizeof(agent), "A%05lu", some_active());
	nmain = 1 + (pick(100) < 30);
	nmain += pick(100) < 10;
	for (i = 0; i < nmain; i++) {
		snprintf(mid, sizeof(mid), "H%08lu", ++nholding);
		sign = today - (long)pick(7300);
		holding(out, mid, cust, agent, "", mains[pick(N(mains))].name,
		    sign);
		if (pick(100) < 25) {
			snprintf(pid, sizeof(pid), "H%08lu", ++nholding);
			holding(out, pid, cust, agent, mid,
			    riders[pick(N(riders))], sign);
		}
	}
	nohold += nhold - start;
}

/*
 * One policyholder's orphan policies, from one departed agent: 1 to 3
 * main policies (65%, 25%, 10%), each with a rider 3 times in 10 (its
 * main_policy_id the row before).  The region is the departed agent's
 * district 7 times in 10, another one mostly else, empty 1 in 100, and
 * the address is in it (none when it is empty); the state 正常件 79%,
 * 外派件 1% (half of them naming a service agent of the district), 困难件
 * 7%, 问题件 3%, 失效件 4%, empty 6%; 1 policy in 10 失效 or lapsed.  The
 * source is 离司 88%, 迁入, 长期失效 and 整合 4% each; a 长期失效单 is an
 * active agent's own, the others name the departed agent.  Each orphan policy is in the holdings too (the branch's
 * policy file, the departed agent still on it); a quarter of the
 * policyholders also have 1 or 2 main policies signed by an agent in
 * service (non-pure: half in the last year, 4 in 10 by the departed
 * agent's group), and 1 in 20 one with an agent of another branch.
 */
static void
orphan_customer(FILE *out, FILE *hold, unsigned long c)
{
	char cust[16], dep[16], mid[16], pid[16], s[16], prem[24], other[16];
	char addr[160], named[16];
	const char *region, *state, *status, *product, *src;
	unsigned long d;
	unsigned p, nmain, i, nonpure, nextra, k;
	long sign;
	int f, dist;

	d = departed[pick((unsigned)ndeparted)];
	snprintf(cust, sizeof(cust), "K%07lu", c);
	snprintf(dep, sizeof(dep), "A%05lu", d);
	p = pick(100);
	dist = p < 70 ? ag[d].region : p < 99 ? (int)pick(N(district)) : -1;
	region = dist < 0 ? "" : district[dist];
	orphan_address(addr, sizeof(addr), dist);
	p = pick(100);
	state = orphan_states[p < 79 ? 0 : p < 80 ? 5 : p < 87 ? 1 : p < 90 ?
	    2 : p < 94 ? 3 : 4];
	named[0] = '\0';
	if (p >= 79 && p < 80 && pick(2))
		service_of(named, sizeof(named), dist);
	p = pick(100);
	src = sources[p < 88 ? 0 : p < 92 ? 1 : p < 96 ? 2 : 3];
	if (p >= 92 && p < 96)
		snprintf(dep, sizeof(dep), "A%05lu", some_active());
	p = pick(100);
	nmain = p < 65 ? 1 : p < 90 ? 2 : 3;
	nonpure = pick(100) < 25;
	nextra = 1 + (pick(100) < 30);
	for (i = 0; i < nmain && nrows < maxrows; i++) {
		snprintf(mid, sizeof(mid), "O%08lu", ++npolicy);
		product = mains[pick(N(mains))].name;
		p = pick(100);
		status = p < 90 ? "有效" : p < 99 ? "失效" : "lapsed";
		sign = old_sign();
		f = form();
		fmt(s, sign, f);
		money(prem, premium[pick(N(premium))]);
		fprintf(out, "%s,%s,%s,,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", mid, cust,
		    dep, product, status, s, prem, state, region, src, addr,
		    named);
		nrows++;
		if (strcmp(status, "有效") == 0)
			holding(hold, mid, cust, dep, "", product, sign);
		if (pick(100) >= 30 || nrows >= maxrows)
			continue;
		snprintf(pid, sizeof(pid), "O%08lu", ++npolicy);
		product = riders[pick(N(riders))];
		k = pick(18);
		fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%u,%s,%s,%s,%s,%s\n", pid,
		    cust, dep, mid, product, status, s, 200 + 100 * k, state,
		    region, src, addr, named);
		nrows++;
		if (strcmp(status, "有效") == 0)
			holding(hold, pid, cust, dep, mid, product, sign);
	}
	for (i = 0; nonpure && i < nextra; i++) {
		snprintf(mid, sizeof(mid), "H%08lu", ++nholding);
		p = pick(100);
		snprintf(other, sizeof(other), "A%05lu", p < 40 ?
		    active_in(ag[d].group) : some_active());
		p = pick(100);
		if (p < 50)
			sign = today - (long)pick(365);
		else
			sign = today - 365 - (long)pick(5000);
		holding(hold, mid, cust, other, "", mains[pick(N(mains))].name,
		    sign);
		if (pick(100) < 15) {
			snprintf(pid, sizeof(pid), "H%08lu", ++nholding);
			holding(hold, pid, cust, other, mid,
			    riders[pick(N(riders))], sign);
		}
	}
	if (one_in(20)) {
		snprintf(mid, sizeof(mid), "H%08lu", ++nholding);
		k = pick(10000);
		snprintf(other, sizeof(other), "B%05u", k);
		sign = old_sign();
		holding(hold, mid, cust, other, "", mains[pick(N(mains))].name,
		    sign);
	}
}

static FILE *
create(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(1);
	}
	return f;
}

static int
finish(FILE *f, const char *what)
{
	if (fflush(f) != 0 || ferror(f) || fclose(f) != 0) {
		perror(what);
		return -1;
	}
	return 0;
}

/*
 * DIR/agents.csv, DIR/orphans.csv (n rows) and DIR/holdings.csv (about
 * holdings rows: the orphans' own, their policyholders' others, and the
 * policies of other customers, spread among them, up to holdings).
 */
static int
gen_orphans(const char *dir, unsigned long n, unsigned long agents_n,
    unsigned long holdings)
{
	static char b1[1 << 20], b2[1 << 20], b3[1 << 20];
	FILE *roster, *out, *hold;
	unsigned long c;
	double others;
	int st = 0;

	roster = create(dir, "agents.csv");
	out = create(dir, "orphans.csv");
	hold = create(dir, "holdings.csv");
	setvbuf(roster, b1, _IOFBF, sizeof(b1));
	setvbuf(out, b2, _IOFBF, sizeof(b2));
	setvbuf(hold, b3, _IOFBF, sizeof(b3));
	gen_roster(roster, agents_n);
	if (ndeparted == 0 || nactive == 0) {
		fprintf(stderr, "gen: %lu agents: none left, or none in service "
		    "(more agents)\n", agents_n);
		exit(2);
	}
	fputs("policy_id,customer_id,agent_id,main_policy_id,product,status,"
	    "sign_date,annual_premium,orphan_state,region,source,address,"
	    "service_agent_id\n", out);
	fputs("policy_id,customer_id,agent_id,main_policy_id,product,status,"
	    "sign_date\n", hold);
	/* The orphans' policies are about 1.15 holdings a row. */
	others = (double)holdings - 1.15 * (double)n;
	maxrows = n;
	maxhold = holdings;
	for (c = 1; nrows < maxrows; c++) {
		orphan_customer(out, hold, c);
		while (nhold < maxhold && others > 0 &&
		    (double)nohold < others * (double)nrows / (double)n)
			other_customer(hold);
	}
	while (nhold < maxhold)
		other_customer(hold);
	st |= finish(roster, "agents.csv");
	st |= finish(out, "orphans.csv");
	st |= finish(hold, "holdings.csv");
	return st < 0 ? 1 : 0;
}

/* Sets *n to the count s, returning 0, or returns -1. */
static int
count(const char *s, unsigned long *n)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*n = strtoul(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static int
usage(void)
{
	fprintf(stderr, "usage: gen [-a agents] [rows]\n"
	    "       gen -p [-a agents] [rows]\n"
	    "       gen -o dir [-a agents] [-H holdings] [rows]\n");
	return 2;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 20];
	unsigned long n = 1000000, i, holdings = 0;
	const char *dir = NULL;
	int c, policies = 0, hset = 0;

	while ((c = getopt(argc, argv, "a:H:o:p")) != -1) {
		switch (c) {
		case 'a':
			if (count(optarg, &agents) < 0 || agents == 0 ||
			    agents > 0xFFFFFFFFUL) {
				fprintf(stderr, "gen: '%s' is not a count of "
				    "agents (1 or more)\n", optarg);
				return 2;
			}
			break;
		case 'H':
			if (count(optarg, &holdings) < 0) {
				fprintf(stderr, "gen: '%s' is not a count of "
				    "holdings\n", optarg);
				return 2;
			}
			hset = 1;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'p':
			policies = 1;
			break;
		default:
			return usage();
		}
	}
	if (argc - optind > 1 || (dir != NULL && policies) ||
	    (hset && dir == NULL))
		return usage();
	if (optind < argc && count(argv[optind], &n) < 0) {
		fprintf(stderr, "gen: '%s' is not a row count\n", argv[optind]);
		return 2;
	}
	today = date_from_ymd(2026, 11, 23);
	if (dir != NULL) {
		if (agents == 0)
			agents = 50000;
		if (agents > 9999999) {
			fprintf(stderr, "gen: -o takes at most 9999999 agents\n");
			return 2;
		}
		return gen_orphans(dir, n, agents, hset ? holdings : 3 * n);
	}
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (policies) {
		gen_policies(n);
	} else {
		fputs("customer_id,agent_id,name,phone,gender,birthday,"
		    "birthday_calendar,wedding_date,source,region,address,"
		    "economy,awareness,influence,closed,annual_premium,"
		    "last_contact,interactions_90d,trust,policy_count,"
		    "referrer\n", stdout);
		for (i = 0; i < n; i++)
			row(i);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen: stdout");
		return 1;
	}
	return 0;
}
